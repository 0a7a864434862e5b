import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Call } from '../../../../shared/ipc/contract';
import { DISPOSITIONS, ENABLED_OUTCOMES, outcomeLabel, type EnabledOutcome } from '../../../../shared/domain/dispositions';
import { formatDuration } from '../../../../shared/domain/duration';
import { invoke } from '../../api/client';
import { contactName } from '../../components/format';
import { Kbd } from '../../components/Kbd';
import { isTypingTarget, useLoad } from '../../components/useAsync';
import { CallHistory } from '../../components/CallHistory';
import { CallTimer } from './CallTimer';

const ENABLED = DISPOSITIONS.filter((d) => (ENABLED_OUTCOMES as readonly string[]).includes(d.outcome)) as {
  outcome: EnabledOutcome;
  key: string;
  label: string;
}[];

type Status = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export function CallScreen({ contactId, onBack }: { contactId: number; onBack: () => void }) {
  const { data, error, reload } = useLoad(() => invoke('contacts.get', { id: contactId }), [contactId]);
  const [activeCall, setActiveCall] = useState<Call | null>(null);
  const [notes, setNotes] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const notesRef = useRef<HTMLTextAreaElement>(null);

  // Refs, not state, guard the in-flight work: a rep who presses a disposition key while the
  // dial is still being recorded gets that disposition, not a silently ignored key press.
  const activeCallRef = useRef<Call | null>(null);
  const dialInFlight = useRef<Promise<Call | null> | null>(null);
  const logging = useRef(false);
  const setCall = (call: Call | null) => {
    activeCallRef.current = call;
    setActiveCall(call);
  };

  const dial = useCallback(() => {
    if (dialInFlight.current || logging.current) return;
    if (activeCallRef.current) {
      setStatus({ kind: 'info', text: 'Already dialled: pick a disposition first.' });
      return;
    }
    setBusy(true);
    dialInFlight.current = invoke('calls.dial', { contactId }).then(
      (call) => {
        setCall(call);
        setStatus({ kind: 'info', text: `Dialling ${data?.contact.phoneDisplay ?? call.number}…` });
        reload();
        return call;
      },
      (e: unknown) => {
        setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
        return null;
      },
    );
    void dialInFlight.current.finally(() => {
      dialInFlight.current = null;
      setBusy(false);
    });
  }, [contactId, data, reload]);

  const dispose = useCallback(
    async (outcome: EnabledOutcome) => {
      if (logging.current) return;
      logging.current = true;
      try {
        const call = activeCallRef.current ?? (await dialInFlight.current);
        if (!call) {
          setStatus({ kind: 'info', text: 'Dial first (Enter), then pick the disposition.' });
          return;
        }
        setBusy(true);
        const saved = await invoke('calls.log', { callId: call.id, outcome, notes });
        setCall(null);
        setNotes('');
        setStatus({ kind: 'ok', text: `Saved: ${outcomeLabel(saved.outcome)} · ${formatDuration(saved.durationMs ?? 0)}` });
        reload();
      } catch (e) {
        setStatus({ kind: 'error', text: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
      } finally {
        logging.current = false;
        setBusy(false);
      }
    },
    [notes, reload],
  );

  // A call dialled but not yet dispositioned (the window was closed or the app restarted mid-call)
  // comes back as the active call when the screen opens, so its disposition is never lost.
  const restoreChecked = useRef(false);
  useEffect(() => {
    if (!data || restoreChecked.current) return;
    restoreChecked.current = true;
    const latest = data.calls[0];
    if (latest && latest.outcome === null && !activeCallRef.current) setCall(latest);
  }, [data]);

  // A layout effect, so the listener always sees what is on screen: a passive effect would leave a
  // moment after a render in which a key press reaches the previous render's handler.
  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Enter' && event.target instanceof HTMLButtonElement) return;
      const disposition = ENABLED.find((d) => d.key === event.key);
      if (event.key === 'Enter') dial();
      else if (disposition) void dispose(disposition.outcome);
      else if (event.key === 'n' || event.key === 'N') notesRef.current?.focus();
      else if (event.key === 'Escape') {
        if (activeCall) setStatus({ kind: 'info', text: 'Pick a disposition before leaving this call.' });
        else onBack();
      } else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [activeCall, dial, dispose, onBack]);

  if (error) {
    return (
      <div className="panel">
        <p role="alert" className="form-error">
          Could not load this contact: {error}
        </p>
        <button type="button" className="button" onClick={onBack}>
          Back to the queue <Kbd>Esc</Kbd>
        </button>
      </div>
    );
  }
  if (!data) return <p className="hint">Loading…</p>;
  const { contact, calls } = data;

  return (
    <div className="call-layout">
      <section className="panel contact-card" aria-labelledby="contact-name">
        <button type="button" className="link-button" onClick={onBack} disabled={activeCall !== null}>
          ← Queue <Kbd>Esc</Kbd>
        </button>
        <h1 id="contact-name">{contactName(contact)}</h1>
        {contact.company && <div className="contact-company">{contact.company}</div>}
        <div className="dial-number" aria-label="Number to dial">
          {contact.phoneDisplay}
        </div>
        <div className="dial-row">
          <button type="button" className="button primary big" onClick={dial} disabled={busy || activeCall !== null}>
            {activeCall ? 'Dialled' : 'Dial'} <Kbd>Enter</Kbd>
          </button>
          {activeCall && <CallTimer since={activeCall.dialedAt} />}
        </div>
        {status && (
          <p className={`status status-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
            {status.text}
          </p>
        )}
        <label className="field notes">
          <span>
            Notes <Kbd>N</Kbd>
          </span>
          <textarea
            ref={notesRef}
            value={notes}
            rows={5}
            onChange={(e) => setNotes(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.currentTarget.blur();
              }
            }}
            placeholder="What was said, what was agreed"
          />
          <span className="hint">
            <Kbd>Esc</Kbd> leaves the notes so number keys pick a disposition
          </span>
        </label>
      </section>

      <section className="panel dispositions" aria-labelledby="dispositions-title">
        <h2 id="dispositions-title">Disposition</h2>
        <div className="disposition-bar">
          {ENABLED.map((d) => (
            <button
              key={d.outcome}
              type="button"
              className="button disposition"
              disabled={busy || !activeCall}
              onClick={() => void dispose(d.outcome)}
            >
              <Kbd>{d.key}</Kbd> {d.label}
            </button>
          ))}
        </div>
        {!activeCall && <p className="hint">Dial first; the disposition keys work once the call is placed.</p>}
      </section>

      <section className="panel history" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <CallHistory calls={calls} />
      </section>
    </div>
  );
}
