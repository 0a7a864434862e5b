import { useEffect, useRef, useState, type FormEvent } from 'react';
import { dispositionFor, type Outcome } from '../../../../shared/domain/dispositions';
import { useCoreNow } from '../../api/clock';
import { instantFromLocal, leadTime, myZone } from '../../components/time';
import { Kbd, useCommands, useModal } from '../../keys/keymap';

export type DetailOutcome = 'advance' | 'callback_requested' | 'not_interested';

export interface Detail {
  nextStep?: string;
  nextAt?: string;
  callbackAt?: string;
  reason?: string;
}

/** The follow-up an outcome needs before it is saved: the next step and its time (advance), the
 *  promised time (callback, in their zone or yours, shown in both) or a reason (not interested).
 *  It has the keyboard while open: Enter saves (from any field), Esc goes back to the bar; the
 *  core checks it all again and its message shows here. */
export function DispositionDetail({
  outcome,
  leadZone,
  reasons,
  errors,
  busy,
  onSave,
  onCancel,
}: {
  outcome: DetailOutcome;
  leadZone: string;
  reasons: string[];
  errors: Record<string, string>;
  busy: boolean;
  onSave: (detail: Detail) => void;
  onCancel: () => void;
}) {
  const [nextStep, setNextStep] = useState('');
  const [when, setWhen] = useState('');
  const [zoneChoice, setZoneChoice] = useState<'theirs' | 'mine'>('theirs');
  const [reason, setReason] = useState('');
  const firstRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => firstRef.current?.focus(), []);
  useModal('detail');
  useCommands(
    'modal',
    [
      { id: 'detail.save', keys: ['Enter'], label: 'Save', where: 'anywhere', run: () => formRef.current?.requestSubmit() },
      { id: 'detail.back', keys: ['Escape'], label: 'Back to the disposition keys', where: 'anywhere', run: onCancel },
    ],
    'detail',
  );

  const now = useCoreNow(60_000);
  const zone = zoneChoice === 'theirs' || outcome === 'advance' ? leadZone : myZone();
  const instant = instantFromLocal(when, zone);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (outcome === 'advance') onSave({ nextStep, nextAt: instant ?? undefined });
    else if (outcome === 'callback_requested') onSave({ callbackAt: instant ?? undefined });
    else onSave({ reason: reason || undefined });
  }

  const def = dispositionFor(outcome as Outcome);
  const timeField = (label: string, field: 'nextAt' | 'callbackAt') => (
    <label className="field">
      <span>{label}</span>
      <input
        ref={outcome === 'callback_requested' ? firstRef : undefined}
        type="datetime-local"
        value={when}
        onChange={(e) => setWhen(e.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `${field}-error` : undefined}
      />
      {errors[field] && (
        <span className="field-error" id={`${field}-error`} role="alert">
          {errors[field]}
        </span>
      )}
      {instant && <span className="both-zones">{leadTime(instant, leadZone, now)}</span>}
    </label>
  );

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
              onChange={(e) => setNextStep(e.target.value)}
              placeholder="e.g. Demo with their CFO, 30 minutes"
              aria-invalid={errors.nextStep ? true : undefined}
              aria-describedby={errors.nextStep ? 'nextStep-error' : undefined}
            />
            {errors.nextStep && (
              <span className="field-error" id="nextStep-error" role="alert">
                {errors.nextStep}
              </span>
            )}
          </label>
          {timeField(`Date and time (their time, ${leadZone})`, 'nextAt')}
        </>
      )}
      {outcome === 'callback_requested' && (
        <>
          {timeField(zoneChoice === 'theirs' ? `Callback time (their time, ${leadZone})` : `Callback time (your time, ${myZone()})`, 'callbackAt')}
          <fieldset className="radio-group">
            <legend>The time above is in</legend>
            <label>
              <input type="radio" name="zone" checked={zoneChoice === 'theirs'} onChange={() => setZoneChoice('theirs')} /> their zone
            </label>
            <label>
              <input type="radio" name="zone" checked={zoneChoice === 'mine'} onChange={() => setZoneChoice('mine')} /> my zone
            </label>
          </fieldset>
        </>
      )}
      {outcome === 'not_interested' && (
        <label className="field">
          <span>Reason</span>
          <select ref={firstRef} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? 'reason-error' : undefined}>
            <option value="">Choose a reason…</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          {errors.reason && (
            <span className="field-error" id="reason-error" role="alert">
              {errors.reason}
            </span>
          )}
        </label>
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
