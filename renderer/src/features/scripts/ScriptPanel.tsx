import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { SITUATION_LABELS, checkVoicemail, checklistItems, filterCards, mergeText, splitSections, withoutTaskItems } from '../../../../shared/domain/scripts';
import { queries } from '../../api/queries';
import { Kbd, KeyHints, useCommands } from '../../keys/keymap';
import { renderScript } from './render';
import { VoicemailChecks } from './VoicemailChecks';
import { ChecklistKeys, ScriptList } from './ScriptList';

export interface ScriptMarks {
  objections: string[];
  checklist: { item: string; done: boolean }[];
}

/** The script beside the call: one section at a time ([ and ] move), objection cards behind a
 *  quick filter (/), the checklist to tick (K, then its numbers), G to pick another script from a
 *  numbered list. Number keys are the disposition bar's unless a list or the checklist has them. The plain script of a lead comes with the disposition that led to it. */
export const ScriptPanel = memo(function ScriptPanel({ contactId, voicemailMode, onMarks }: { contactId: number; voicemailMode: boolean; onMarks: (marks: ScriptMarks) => void }) {
  // The script picked from the numbered list (G); null: the lead's own (history, campaign).
  const [picked, setPicked] = useState<number | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [ticking, setTicking] = useState(false);
  const checklistRef = useRef<HTMLFieldSetElement>(null);
  // The script shown stays until the next one is there (G, V), rather than a blank panel between.
  const { data, error } = useQuery({ ...queries.scriptForCall(contactId, voicemailMode, null, picked), placeholderData: keepPreviousData });
  // The section shown, for the script it was chosen in (another script starts at its top).
  const [sectionChoice, setSection] = useState<{ scriptId: number | null; index: number }>({ scriptId: null, index: 0 });
  const scriptId = data?.script?.id ?? null;
  const sectionIndex = sectionChoice.scriptId === scriptId ? sectionChoice.index : 0;
  const setSectionIndex = (update: (i: number) => number) => setSection({ scriptId, index: update(sectionIndex) });
  const [filter, setFilter] = useState<string | null>(null);
  const [cameUp, setCameUp] = useState<string[]>([]);
  // Keyed by the checklist's own text: a Map, so an item that says "constructor" is just an item.
  const [ticked, setTicked] = useState<ReadonlyMap<string, boolean>>(new Map());
  const filterRef = useRef<HTMLInputElement>(null);

  const sections = useMemo(() => (data?.script ? splitSections(data.script.body).filter((s) => !/^objections?\b/i.test(s.title)) : []), [data]);
  const section = sections[Math.min(sectionIndex, Math.max(0, sections.length - 1))];
  // Markdown is rendered when the section or its merge values change, not on every render.
  const sectionHtml = useMemo(() => (section && data ? renderScript(withoutTaskItems(section.body), data.values) : ''), [section, data]);

  const checklist = useMemo(() => data?.checklist ?? [], [data]);
  useEffect(() => {
    onMarks({ objections: cameUp, checklist: checklist.map((item) => ({ item, done: ticked.get(item) === true })) });
  }, [cameUp, ticked, checklist, onMarks]);

  const cards = data?.objections ?? [];
  const sectionChecklist = useMemo(() => (section ? checklistItems(section.body) : []), [section]);
  const toggle = (item: string) => setTicked((t) => new Map(t).set(item, t.get(item) !== true));
  const shownCards = filter === null ? [] : filterCards(cards, filter);

  const openFilter = () => {
    setFilter('');
    requestAnimationFrame(() => filterRef.current?.focus());
  };
  useCommands('screen', [
    { id: 'script.next', keys: [']'], label: 'Next section of the script', group: 'Script', run: () => setSectionIndex((i) => Math.min(i + 1, sections.length - 1)) },
    { id: 'script.previous', keys: ['['], label: 'Previous section', group: 'Script', run: () => setSectionIndex((i) => Math.max(i - 1, 0)) },
    { id: 'script.objections', keys: ['/'], label: 'Find an objection card', group: 'Script', enabled: cards.length > 0, run: openFilter },
    { id: 'script.another', keys: ['g'], label: 'Another script: a numbered list (digit or ↑ ↓ Enter; Esc closes)', group: 'Script', run: () => setChoosing(true) },
    {
      id: 'script.checklist',
      keys: ['k'],
      label: 'Tick the checklist: its items numbered (digit or Space ticks; Esc back)',
      group: 'Script',
      enabled: sectionChecklist.length > 0,
      run: () => {
        setTicking(true);
        requestAnimationFrame(() => checklistRef.current?.querySelector('input')?.focus());
      },
    },
  ]);

  function markCameUp(objection: string) {
    setCameUp((list) => (list.includes(objection) ? list.filter((o) => o !== objection) : [...list, objection]));
  }

  if (error) {
    return (
      <section className="panel script-panel" aria-label="Script">
        <p className="form-error" role="alert">
          Could not load the script: {error.message}
        </p>
      </section>
    );
  }
  if (!data) return <section className="panel script-panel" aria-label="Script" />;
  const voicemailChecks = data.situation === 'voicemail' && data.script ? checkVoicemail(mergeText(data.script.body, data.values), { firstName: data.values['contact.firstName'], phone: data.values['me.phone'] }) : [];

  return (
    <section className="panel script-panel" aria-labelledby="script-title">
      <div className="script-head">
        <h2 id="script-title">{data.script ? data.script.name : 'No script'}</h2>
        <span className="badge">
          {SITUATION_LABELS[data.situation]}
          {picked !== null && !voicemailMode ? ' · your choice' : data.campaign ? ` · the ${data.campaign} campaign’s script` : ' · from the history'}
        </span>
      </div>
      {!data.script && (
        <p className="hint">
          There is no script for {SITUATION_LABELS[data.situation].toLowerCase()}. Add one under Scripts (<Kbd command="nav.scripts" />).
        </p>
      )}
      {sections.length > 1 && (
        <nav className="script-sections" aria-label="Script sections">
          {sections.map((s, i) => (
            <button key={i} type="button" className={i === sectionIndex ? 'section-tab active' : 'section-tab'} aria-current={i === sectionIndex ? 'step' : undefined} onClick={() => setSectionIndex(() => i)}>
              {s.title || 'Intro'}
            </button>
          ))}
        </nav>
      )}
      {section && (
        <article className="script-body" aria-label={section.title || 'Script'}>
          {section.title && <h3>{section.title}</h3>}
          {/* Rendered by markdown-it with raw HTML off and links made inert (render.ts). */}
          <div dangerouslySetInnerHTML={{ __html: sectionHtml }} />
          {sectionChecklist.length > 0 && (
            <fieldset className={ticking ? 'checklist ticking' : 'checklist'} ref={checklistRef}>
              <legend>
                Checklist (saved with the call notes) <Kbd command="script.checklist" />
              </legend>
              {sectionChecklist.map((item, i) => (
                <label key={item} className="check">
                  <input type="checkbox" checked={ticked.get(item) === true} onChange={(e) => setTicked((t) => new Map(t).set(item, e.target.checked))} />
                  {ticking && i < 9 && <Kbd command={`checklist.${i + 1}`} />} {item}
                </label>
              ))}
            </fieldset>
          )}
          {ticking && sectionChecklist.length > 0 && <ChecklistKeys items={sectionChecklist} onToggle={toggle} onDone={() => setTicking(false)} />}
        </article>
      )}
      {choosing && (
        <ScriptList
          currentId={data.script?.id ?? null}
          picked={picked}
          onPick={(id) => {
            setPicked(id);
            setChoosing(false);
          }}
          onClose={() => setChoosing(false)}
        />
      )}
      <VoicemailChecks checks={voicemailChecks} />
      {cards.length > 0 && (
        <div className="objections">
          {filter === null ? (
            <button type="button" className="button" onClick={openFilter}>
              Objections ({cards.length}) <Kbd command="script.objections" />
            </button>
          ) : (
            <div className="objection-filter" role="search">
              <label className="field">
                <span>
                  Objection: type a word, Enter marks the first as “came up”, Esc closes
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
      <KeyHints
        label="Script keys"
        hints={[
          [['script.previous', 'script.next'], 'section'],
          ['script.objections', 'objections'],
          ['script.another', 'another script'],
          ['script.checklist', 'tick the checklist'],
          ['call.voicemail', 'voicemail script'],
        ]}
      />
    </section>
  );
});
