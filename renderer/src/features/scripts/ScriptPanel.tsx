import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { SITUATIONS, SITUATION_LABELS, checkVoicemail, checklistItems, filterCards, mergeText, splitSections, type Situation } from '../../../../shared/domain/scripts';
import { invoke } from '../../api/client';
import { Kbd } from '../../components/Kbd';
import { isTypingTarget, useLoad } from '../../components/useAsync';
import { renderScript } from './render';
import { VoicemailChecks } from './VoicemailChecks';

export interface ScriptMarks {
  objections: string[];
  checklist: { item: string; done: boolean }[];
}

const TASK_LINE = /^\s*[-*]\s+\[[ xX]\]\s+.+$/gm;

/** The script beside the call: one section at a time ([ and ] move), objection cards behind a
 *  quick filter (/), the checklist to tick, G to pick another situation. Number keys stay the
 *  disposition bar's. */
export function ScriptPanel({
  contactId,
  voicemailMode,
  keysDisabled,
  onMarks,
}: {
  contactId: number;
  voicemailMode: boolean;
  /** A form on the call screen has the keyboard. */
  keysDisabled: boolean;
  onMarks: (marks: ScriptMarks) => void;
}) {
  const [override, setOverride] = useState<Situation | null>(null);
  const { data, error } = useLoad(() => invoke('scripts.forCall', { contactId, voicemailMode, situation: voicemailMode ? undefined : (override ?? undefined) }), [contactId, voicemailMode, override]);
  const [sectionIndex, setSectionIndex] = useState(0);
  const [filter, setFilter] = useState<string | null>(null);
  const [cameUp, setCameUp] = useState<string[]>([]);
  // Keyed by the checklist's own text: a Map, so an item that says "constructor" is just an item.
  const [ticked, setTicked] = useState<ReadonlyMap<string, boolean>>(new Map());
  const filterRef = useRef<HTMLInputElement>(null);

  const sections = useMemo(() => (data?.script ? splitSections(data.script.body).filter((s) => !/^objections?\b/i.test(s.title)) : []), [data]);
  const section = sections[Math.min(sectionIndex, Math.max(0, sections.length - 1))];
  useEffect(() => setSectionIndex(0), [data?.script?.id]);

  const checklist = data?.checklist ?? [];
  useEffect(() => {
    onMarks({ objections: cameUp, checklist: checklist.map((item) => ({ item, done: ticked.get(item) === true })) });
  }, [cameUp, ticked, checklist, onMarks]);

  const cards = data?.objections ?? [];
  const shownCards = filter === null ? [] : filterCards(cards, filter);

  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (keysDisabled || isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === ']') setSectionIndex((i) => Math.min(i + 1, sections.length - 1));
      else if (event.key === '[') setSectionIndex((i) => Math.max(i - 1, 0));
      else if (event.key === '/') {
        setFilter('');
        requestAnimationFrame(() => filterRef.current?.focus());
      } else if (event.key === 'g' || event.key === 'G') {
        const current = override ?? data?.autoSituation ?? 'first_call';
        const next = SITUATIONS[(SITUATIONS.indexOf(current) + 1) % SITUATIONS.length]!;
        setOverride(next === data?.autoSituation ? null : next);
      } else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  function markCameUp(objection: string) {
    setCameUp((list) => (list.includes(objection) ? list.filter((o) => o !== objection) : [...list, objection]));
  }

  if (error) {
    return (
      <section className="panel script-panel" aria-label="Script">
        <p className="form-error" role="alert">
          Could not load the script: {error}
        </p>
      </section>
    );
  }
  if (!data) return <section className="panel script-panel" aria-label="Script" />;
  const voicemailChecks = data.situation === 'voicemail' && data.script ? checkVoicemail(mergeText(data.script.body, data.values), { firstName: data.values['contact.firstName'], phone: data.values['me.phone'] }) : [];
  const sectionChecklist = section ? checklistItems(section.body) : [];

  return (
    <section className="panel script-panel" aria-labelledby="script-title">
      <div className="script-head">
        <h2 id="script-title">{data.script ? data.script.name : 'No script'}</h2>
        <span className="badge">
          {SITUATION_LABELS[data.situation]}
          {override && !voicemailMode ? ' · your choice' : ' · from the history'}
        </span>
      </div>
      {!data.script && <p className="hint">There is no script for {SITUATION_LABELS[data.situation].toLowerCase()}. Add one under Scripts (Alt+P).</p>}
      {sections.length > 1 && (
        <nav className="script-sections" aria-label="Script sections">
          {sections.map((s, i) => (
            <button key={i} type="button" className={i === sectionIndex ? 'section-tab active' : 'section-tab'} aria-current={i === sectionIndex ? 'step' : undefined} onClick={() => setSectionIndex(i)}>
              {s.title || 'Intro'}
            </button>
          ))}
        </nav>
      )}
      {section && (
        <article className="script-body" aria-label={section.title || 'Script'}>
          {section.title && <h3>{section.title}</h3>}
          {/* Rendered by markdown-it with raw HTML off and links made inert (render.ts). */}
          <div dangerouslySetInnerHTML={{ __html: renderScript(section.body.replace(TASK_LINE, ''), data.values) }} />
          {sectionChecklist.length > 0 && (
            <fieldset className="checklist">
              <legend>Checklist (saved with the call notes)</legend>
              {sectionChecklist.map((item) => (
                <label key={item} className="check">
                  <input type="checkbox" checked={ticked.get(item) === true} onChange={(e) => setTicked((t) => new Map(t).set(item, e.target.checked))} /> {item}
                </label>
              ))}
            </fieldset>
          )}
        </article>
      )}
      <VoicemailChecks checks={voicemailChecks} />
      {cards.length > 0 && (
        <div className="objections">
          {filter === null ? (
            <button type="button" className="button" onClick={() => (setFilter(''), requestAnimationFrame(() => filterRef.current?.focus()))}>
              Objections ({cards.length}) <Kbd>/</Kbd>
            </button>
          ) : (
            <div className="objection-filter" role="search">
              <label className="field">
                <span>
                  Objection: type a word, <Kbd>Enter</Kbd> marks the first as “came up”, <Kbd>Esc</Kbd> closes
                </span>
                <input
                  ref={filterRef}
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      e.preventDefault();
                      setFilter(null);
                      e.currentTarget.blur();
                    } else if (e.key === 'Enter') {
                      e.preventDefault();
                      if (shownCards[0]) markCameUp(shownCards[0].objection);
                    }
                  }}
                  aria-label="Find an objection"
                />
              </label>
              <ul className="cards" aria-label="Objection cards">
                {shownCards.map((card) => (
                  <li key={card.objection} className="card">
                    <div className="card-head">
                      <strong>{card.objection}</strong>
                      <button type="button" className={cameUp.includes(card.objection) ? 'button small came-up' : 'button small'} aria-pressed={cameUp.includes(card.objection)} onClick={() => markCameUp(card.objection)}>
                        {cameUp.includes(card.objection) ? 'Came up ✓' : 'Came up'}
                      </button>
                    </div>
                    {card.prehandle && (
                      <p>
                        <em>Pre-handle:</em> {mergeText(card.prehandle, data.values)}
                      </p>
                    )}
                    <p>
                      <em>Answer:</em> {mergeText(card.answer, data.values)}
                    </p>
                  </li>
                ))}
                {shownCards.length === 0 && <li className="hint">No card matches “{filter}”.</li>}
              </ul>
            </div>
          )}
          {cameUp.length > 0 && <p className="hint">Came up on this call: {cameUp.join(', ')}</p>}
        </div>
      )}
      <p className="hint">
        <Kbd>[</Kbd> <Kbd>]</Kbd> section · <Kbd>/</Kbd> objections · <Kbd>G</Kbd> another script · <Kbd>V</Kbd> voicemail script
      </p>
    </section>
  );
}
