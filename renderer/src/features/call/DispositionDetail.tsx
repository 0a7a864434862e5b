import { useEffect, useRef, useState, type FormEvent } from 'react';
import { dispositionFor, type Outcome } from '../../../../shared/domain/dispositions';
import { insideCallingHours, parseTypedTime, quickPicks, type LeadClock, type QuickPickId } from '../../../../shared/domain/quickTimes';
import { useCoreNow } from '../../api/clock';
import { dateTimeIn, instantFromLocal, myZone, timeIn } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands, useModal } from '../../keys/keymap';
import type { Command } from '../../keys/registry';

export type DetailOutcome = 'advance' | 'callback_requested' | 'not_interested';

export interface Detail {
  nextStep?: string;
  nextAt?: string;
  callbackAt?: string;
  reason?: string;
}

/** Where the time comes from: a numbered quick pick, a typed time ("tomorrow 9") or the exact
 *  date-and-time field; the last one the rep touched counts. */
type TimeSource = { kind: 'pick'; id: QuickPickId } | { kind: 'typed' } | { kind: 'exact' } | null;

// Chromium's date field takes six-digit years unless told the largest date: "12032026" then ran
// on into the year (202610) instead of the hour.
const LATEST_LOCAL = '9999-12-31T23:59';

/** The follow-up an outcome needs before it is saved: the next step and its time (advance), the
 *  promised time (callback) or a reason (not interested). A time is a numbered quick pick in the
 *  lead's time (1–5), a typed time read on their clock (T), or an exact date and time; it is
 *  shown in their time and yours before it is saved, with a warning when they may not be called
 *  then. It has the keyboard while open: Enter saves (from any field), Esc goes back to the bar;
 *  the core checks it all again and its message shows here. */
export function DispositionDetail({
  outcome,
  leadZone,
  leadHours,
  reasons,
  errors,
  busy,
  onSave,
  onCancel,
}: {
  outcome: DetailOutcome;
  leadZone: string;
  leadHours: LeadClock;
  reasons: string[];
  errors: Record<string, string>;
  busy: boolean;
  onSave: (detail: Detail) => void;
  onCancel: () => void;
}) {
  const [nextStep, setNextStep] = useState('');
  const [when, setWhen] = useState('');
  const [typed, setTyped] = useState('');
  const [source, setSource] = useState<TimeSource>(null);
  const [zoneChoice, setZoneChoice] = useState<'theirs' | 'mine'>('theirs');
  const [reason, setReason] = useState('');
  // A field's error from the core stays only until the rep changes that field.
  const [shownErrors, setShownErrors] = useState({ from: errors, edited: new Set<string>() });
  if (shownErrors.from !== errors) setShownErrors({ from: errors, edited: new Set() });
  const errorOf = (field: string) => (shownErrors.edited.has(field) ? undefined : errors[field]);
  const timeFieldName = outcome === 'advance' ? 'nextAt' : 'callbackAt';
  const edited = (field: string) => setShownErrors((s) => ({ from: s.from, edited: new Set([...s.edited, field]) }));

  const firstRef = useRef<HTMLInputElement>(null);
  const reasonsRef = useRef<HTMLDivElement>(null);
  const picksRef = useRef<HTMLDivElement>(null);
  const typedRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => (outcome === 'callback_requested' ? picksRef.current : outcome === 'not_interested' ? reasonsRef.current : firstRef.current)?.focus(), [outcome]);
  useModal('detail');

  const now = useCoreNow(60_000);
  const hasTime = outcome !== 'not_interested';
  const picks = hasTime ? quickPicks(now, leadHours) : [];
  const choosePick = (id: QuickPickId) => {
    setSource({ kind: 'pick', id });
    edited(timeFieldName);
  };
  const pickCommands: Command[] = picks.map((pick) => ({
    id: `detail.pick.${pick.key}`,
    keys: [pick.key],
    label: `Time: ${pick.label.toLowerCase()}`,
    enabled: pick.at !== null,
    run: () => choosePick(pick.id),
  }));
  // Not interested: the first nine reasons numbered 1–9, in the order the settings list them (any
  // further ones by click or Tab).
  const numberedReasons = outcome === 'not_interested' ? reasons.map((text, i) => ({ key: i < 9 ? String(i + 1) : null, text })) : [];
  const chooseReason = (text: string) => {
    setReason(text);
    edited('reason');
  };
  const reasonCommands: Command[] = numberedReasons.flatMap(({ key, text }) => (key === null ? [] : [{ id: `detail.reason.${key}`, keys: [key], label: `Reason: ${text}`, run: () => chooseReason(text) }]));
  useCommands(
    'modal',
    [
      { id: 'detail.save', keys: ['Enter'], label: 'Save', where: 'anywhere', run: () => formRef.current?.requestSubmit() },
      { id: 'detail.back', keys: ['Escape'], label: 'Back to the disposition keys', where: 'anywhere', run: onCancel },
      ...pickCommands,
      ...reasonCommands,
      ...(hasTime ? [{ id: 'detail.type', keys: ['t'], label: 'Type a time', run: () => typedRef.current?.focus() }] : []),
    ],
    'detail',
  );

  const exactZone = zoneChoice === 'theirs' || outcome === 'advance' ? leadZone : myZone();
  const typedTime = typed.trim() === '' ? null : parseTypedTime(typed, now, leadZone);
  let instantMs: number | null = null;
  if (source?.kind === 'pick') instantMs = picks.find((p) => p.id === source.id)?.at ?? null;
  else if (source?.kind === 'typed') instantMs = typedTime?.ok ? typedTime.at : null;
  else if (source?.kind === 'exact') {
    const exact = instantFromLocal(when, exactZone);
    instantMs = exact ? Date.parse(exact) : null;
  }
  const instant = instantMs === null ? undefined : new Date(instantMs).toISOString();
  const inside = instantMs === null ? null : insideCallingHours(instantMs, leadHours);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (outcome === 'advance') onSave({ nextStep, nextAt: instant });
    else if (outcome === 'callback_requested') onSave({ callbackAt: instant });
    else onSave({ reason: reason || undefined });
  }

  const timeError = errorOf(timeFieldName);
  const timeFields = (
    <fieldset className="time-choice" aria-label={outcome === 'advance' ? 'When' : 'Callback time'}>
      <legend>
        {outcome === 'advance' ? 'When' : 'Callback time'} <span className="hint">(their time, {leadZone})</span>
      </legend>
      <div className="quick-picks" role="group" aria-label="Quick picks" tabIndex={0} ref={picksRef}>
        {picks.map((pick) => {
          const chosen = source?.kind === 'pick' && source.id === pick.id;
          return (
            <button
              key={pick.id}
              type="button"
              tabIndex={-1}
              className={`quick-pick${chosen ? ' chosen' : ''}`}
              aria-pressed={chosen}
              disabled={pick.at === null}
              onClick={() => choosePick(pick.id)}
            >
              <Kbd command={`detail.pick.${pick.key}`} /> <span className="pick-label">{pick.label}</span>
              <span className="pick-when">{pick.at === null ? pick.unavailable : timeIn(pick.at, leadZone, now)}</span>
              {pick.at !== null && !pick.insideHours && <span className="pick-warn">outside hours</span>}
            </button>
          );
        })}
      </div>
      <label className="field">
        <span>
          Or type a time <Kbd command="detail.type" /> <span className="hint">read in their time</span>
        </span>
        <input
          ref={typedRef}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            setSource(e.target.value.trim() === '' ? null : { kind: 'typed' });
            edited(timeFieldName);
          }}
          aria-invalid={source?.kind === 'typed' && typedTime?.ok === false ? true : undefined}
          aria-describedby="typed-time-note"
          placeholder="tue 10am, in 2h, tomorrow 9"
        />
        {source?.kind === 'typed' && typedTime?.ok === false && (
          <span className="field-error" id="typed-time-note">
            {typedTime.message}
          </span>
        )}
      </label>
      <label className="field">
        <span>{outcome === 'advance' ? 'Or an exact date and time (their time)' : zoneChoice === 'theirs' ? `Or an exact date and time (their time, ${leadZone})` : `Or an exact date and time (your time, ${myZone()})`}</span>
        <input
          type="datetime-local"
          max={LATEST_LOCAL}
          value={when}
          onChange={(e) => {
            setWhen(e.target.value);
            setSource({ kind: 'exact' });
            edited(timeFieldName);
          }}
          aria-invalid={timeError ? true : undefined}
          aria-describedby={timeError ? `${timeFieldName}-error` : undefined}
        />
      </label>
      {outcome === 'callback_requested' && (
        <fieldset className="radio-group">
          <legend>The exact time above is in</legend>
          <label>
            <input type="radio" name="zone" checked={zoneChoice === 'theirs'} onChange={() => setZoneChoice('theirs')} /> their zone
          </label>
          <label>
            <input type="radio" name="zone" checked={zoneChoice === 'mine'} onChange={() => setZoneChoice('mine')} /> my zone
          </label>
        </fieldset>
      )}
      {timeError && (
        <span className="field-error" id={`${timeFieldName}-error`} role="alert">
          {timeError}
        </span>
      )}
      <div className="chosen-time" aria-live="polite" aria-label="Chosen time">
        {instantMs === null ? (
          <span className="hint">No time chosen yet: a number, T to type one, or the exact field.</span>
        ) : (
          <>
            <span className="both-zones">Their time: {dateTimeIn(instantMs, leadZone, now)}</span>
            <span className="both-zones">Your time: {dateTimeIn(instantMs, myZone(), now)}</span>
            {inside === false && (
              <span className="time-warning" role="alert">
                Outside their calling hours: they may not be called then. Pick another time, or save it anyway.
              </span>
            )}
            {inside === null && <span className="hint">More than two weeks ahead: their calling hours are not checked.</span>}
          </>
        )}
      </div>
    </fieldset>
  );

  const def = dispositionFor(outcome as Outcome);
  return (
    <form
      ref={formRef}
      className="detail-form-panel"
      onSubmit={submit}
      aria-label={`${def.label}: details`}
      noValidate
    >
      <h3>
        <Kbd command={`call.outcome.${outcome}`} /> {def.label}: {outcome === 'advance' ? 'the next step you agreed' : outcome === 'callback_requested' ? 'when you promised to call' : 'why not'}
      </h3>
      {outcome === 'advance' && (
        <>
          <label className="field">
            <span>Next step (the next up-front contract)</span>
            <input
              ref={firstRef}
              value={nextStep}
              onChange={(e) => {
                setNextStep(e.target.value);
                edited('nextStep');
              }}
              placeholder="e.g. Demo with their CFO, 30 minutes"
              aria-invalid={errorOf('nextStep') ? true : undefined}
              aria-describedby={errorOf('nextStep') ? 'nextStep-error' : undefined}
            />
            {errorOf('nextStep') && (
              <span className="field-error" id="nextStep-error" role="alert">
                {errorOf('nextStep')}
              </span>
            )}
          </label>
          {timeFields}
        </>
      )}
      {outcome === 'callback_requested' && timeFields}
      {outcome === 'not_interested' && (
        <fieldset className="reason-choice">
          <legend>Reason</legend>
          <div className="quick-picks" role="group" aria-label="Reasons" tabIndex={0} ref={reasonsRef} aria-invalid={errorOf('reason') ? true : undefined} aria-describedby={errorOf('reason') ? 'reason-error' : undefined}>
            {numberedReasons.map(({ key, text }) => (
              <button key={text} type="button" tabIndex={key === null ? 0 : -1} className={`quick-pick${reason === text ? ' chosen' : ''}`} aria-pressed={reason === text} onClick={() => chooseReason(text)}>
                {key !== null && <Kbd command={`detail.reason.${key}`} />} <span className="pick-label">{text}</span>
              </button>
            ))}
          </div>
          {errorOf('reason') && (
            <span className="field-error" id="reason-error" role="alert">
              {errorOf('reason')}
            </span>
          )}
        </fieldset>
      )}
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          Save {def.label.toLowerCase()} <Kbd command="detail.save" />
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Back <Kbd command="detail.back" />
        </button>
      </div>
    </form>
  );
}
