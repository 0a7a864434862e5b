import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Call, QueueEntry } from '../../../../shared/ipc/contract';
import { DISPOSITIONS, REQUIRED_DETAIL, outcomeLabel, type Outcome } from '../../../../shared/domain/dispositions';
import { formatDuration } from '../../../../shared/domain/duration';
import { ApiError, invoke, onEvent } from '../../api/client';
import { contactName } from '../../components/format';
import { Kbd } from '../../components/Kbd';
import { isTypingTarget, useLoad } from '../../components/useAsync';
import { CallHistory } from '../../components/CallHistory';
import { useNow } from '../../components/now';
import { clockIn, dateTimeIn } from '../../components/zoneTime';
import { DispositionDetail, type Detail } from './DispositionDetail';
import { RedialPanel } from './RedialPanel';
import { VoicemailStopwatch } from './VoicemailStopwatch';
import { ScriptPanel, type ScriptMarks } from '../scripts/ScriptPanel';

type Status = { kind: 'ok' | 'error' | 'info'; text: string } | null;
type DetailOutcome = 'advance' | 'callback_requested' | 'not_interested';

const DRAFT_DELAY_MS = 300;

export function CallScreen({
  contactId,
  flash,
  reasons,
  onBack,
  onNext,
}: {
  contactId: number;
  /** What the previous screen saved ("Saved: No answer for Ana Silva"), shown on arrival. */
  flash: string | null;
  reasons: string[];
  onBack: (flash?: string) => void;
  onNext: (next: QueueEntry, flash: string) => void;
}) {
  const { data, error, reload } = useLoad(() => invoke('contacts.get', { id: contactId }), [contactId]);
  const now = useNow();
  const [notes, setNotes] = useState('');
  const [status, setStatus] = useState<Status>(flash ? { kind: 'ok', text: flash } : null);
  const [busy, setBusy] = useState(false);
  const [detail, setDetail] = useState<DetailOutcome | null>(null);
  const [detailErrors, setDetailErrors] = useState<Record<string, string>>({});
  const [overridePrompt, setOverridePrompt] = useState<string | null>(null);
  const [voicemailMode, setVoicemailMode] = useState(false);
  const notesRef = useRef<HTMLTextAreaElement>(null);
  // What the script panel says came up and was ticked: saved with the disposition.
  const marks = useRef<ScriptMarks>({ objections: [], checklist: [] });
  const setMarks = useCallback((next: ScriptMarks) => (marks.current = next), []);

  // The call in progress: the dial's answer at once, then whatever the log says (a redial the
  // core placed, or a call a crash interrupted, comes back here so its disposition is never lost).
  const [dialled, setDialled] = useState<Call | null>(null);
  // A dial the phone did not take is over (it needs no disposition): the rep dials again.
  const openCall = data?.calls[0]?.outcome === null && data.calls[0].dialFailure === null ? data.calls[0] : null;
  const activeCall = dialled && dialled.id >= (openCall?.id ?? 0) ? dialled : openCall;
  const activeCallRef = useRef<Call | null>(null);
  activeCallRef.current = activeCall;
  const dialInFlight = useRef<Promise<Call | null> | null>(null);
  const logging = useRef(false);
  const loop = data?.redial?.status === 'running' ? data.redial : null;

  useEffect(() => {
    const offs = [
      onEvent('redial.changed', (p) => p.contactId === contactId && reload()),
      onEvent('calls.changed', (p) => p.contactId === contactId && reload()),
      onEvent('contacts.changed', (p) => (p.contactId === null || p.contactId === contactId) && reload()),
    ];
    return () => offs.forEach((off) => off());
  }, [contactId, reload]);

  // The badges and queue reason change with time: look again every minute.
  const minute = Math.floor(now / 60_000);
  useEffect(() => reload(), [minute, reload]);

  // Notes: the draft kept in the database comes back after a crash; every change is saved.
  const draftLoaded = useRef(false);
  useEffect(() => {
    if (!data || draftLoaded.current) return;
    draftLoaded.current = true;
    setNotes(data.draft);
  }, [data]);
  const draftTimer = useRef<number | undefined>(undefined);
  const changeNotes = (text: string) => {
    setNotes(text);
    window.clearTimeout(draftTimer.current);
    draftTimer.current = window.setTimeout(() => void invoke('calls.draft', { contactId, text }).catch(() => setStatus({ kind: 'error', text: 'Could not save the notes draft; keep this screen open.' })), DRAFT_DELAY_MS);
  };
  useEffect(() => () => window.clearTimeout(draftTimer.current), []);

  const dial = useCallback(
    (override = false) => {
      if (dialInFlight.current || logging.current) return;
      if (activeCallRef.current && !loop) {
        setStatus({ kind: 'info', text: 'Already dialled: pick a disposition first.' });
        return;
      }
      setOverridePrompt(null);
      setBusy(true);
      dialInFlight.current = invoke('calls.dial', { contactId, override }).then(
        (call) => {
          setDialled(call);
          setStatus({ kind: 'info', text: `Dialling ${data?.contact.phoneDisplay ?? call.number}${call.override ? ' (outside calling hours, override recorded)' : ''}…` });
          reload();
          return call;
        },
        (e: unknown) => {
          if (e instanceof ApiError && e.code === 'outside_hours') setOverridePrompt(e.message);
          else setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
          return null;
        },
      );
      void dialInFlight.current.finally(() => {
        dialInFlight.current = null;
        setBusy(false);
      });
    },
    [contactId, data, reload, loop],
  );

  const save = useCallback(
    async (outcome: Outcome, extra: Detail = {}) => {
      if (logging.current) return;
      logging.current = true;
      try {
        const call = activeCallRef.current ?? (await dialInFlight.current);
        if (!call) {
          setStatus({ kind: 'info', text: 'Dial first (Enter), then pick the disposition.' });
          return;
        }
        if (REQUIRED_DETAIL[outcome] && Object.keys(extra).length === 0) {
          setDetail(outcome as DetailOutcome);
          setDetailErrors({});
          return;
        }
        setBusy(true);
        window.clearTimeout(draftTimer.current);
        const saved = await invoke('calls.log', { callId: call.id, outcome, notes, ...extra, objections: marks.current.objections, checklist: marks.current.checklist });
        setDetail(null);
        setVoicemailMode(false);
        const text = `Saved: ${outcomeLabel(saved.call.outcome)} for ${data ? contactName(data.contact) : 'this lead'} · ${formatDuration(saved.call.durationMs ?? 0)}`;
        if (outcome === 'engaged') {
          setNotes('');
          setDialled(null);
          setStatus({ kind: 'ok', text: `${text}. The redial loop is on.` });
          reload();
        } else if (saved.next && saved.next.contact.id !== contactId) onNext(saved.next, text);
        else if (saved.next) {
          setNotes('');
          setDialled(null);
          setStatus({ kind: 'ok', text });
          reload();
        } else onBack(`${text}. Nobody else can be called right now.`);
      } catch (e) {
        if (e instanceof ApiError && Object.keys(e.fields).length > 0 && REQUIRED_DETAIL[outcome]) {
          setDetail(outcome as DetailOutcome);
          // The fields carry the messages; the summary only for anything the form does not show.
          const shown = ['nextStep', 'nextAt', 'callbackAt', 'reason'];
          setDetailErrors(Object.keys(e.fields).every((k) => shown.includes(k)) ? e.fields : { ...e.fields, form: e.message });
        } else setStatus({ kind: 'error', text: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
      } finally {
        logging.current = false;
        setBusy(false);
      }
    },
    [notes, reload, data, contactId, onNext, onBack],
  );

  const redial = useCallback(
    async (action: 'connected' | 'stop') => {
      try {
        await invoke('redial.act', { contactId, action });
        setStatus({ kind: 'info', text: action === 'connected' ? 'Connected: the loop stopped. Pick the disposition when the call ends.' : 'Redial loop stopped; the lead is back in the queue as a retry.' });
        reload();
      } catch (e) {
        setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
      }
    },
    [contactId, reload],
  );

  // A layout effect, so the listener always sees what is on screen.
  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (detail) return; // the detail form has the keyboard
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Enter' && event.target instanceof HTMLButtonElement) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (overridePrompt) {
        if (key === 'o') dial(true);
        else if (key === 'Escape') setOverridePrompt(null);
        else return;
        event.preventDefault();
        return;
      }
      const disposition = DISPOSITIONS.find((d) => d.key.toLowerCase() === key);
      if (key === 'Enter') dial();
      else if (disposition) void save(disposition.outcome);
      else if (key === 'n') notesRef.current?.focus();
      else if (key === 'v') setVoicemailMode((on) => !on);
      else if (key === 'c' && loop) void redial('connected');
      else if (key === 's' && loop) void redial('stop');
      else if (key === 'Escape') {
        if (voicemailMode) setVoicemailMode(false);
        else if (activeCallRef.current) setStatus({ kind: 'info', text: 'Pick a disposition before leaving this call.' });
        else onBack();
      } else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (error) {
    return (
      <div className="panel">
        <p role="alert" className="form-error">
          Could not load this contact: {error}
        </p>
        <button type="button" className="button" onClick={() => onBack()}>
          Back to the queue <Kbd>Esc</Kbd>
        </button>
      </div>
    );
  }
  if (!data) return <p className="hint">Loading…</p>;
  const { contact, calls, tasks, now: leadNow } = data;
  const zone = leadNow.zone;

  return (
    <div className="call-layout">
      <section className="panel contact-card" aria-labelledby="contact-name">
        <button type="button" className="link-button" onClick={() => onBack()} disabled={activeCall !== null}>
          ← Queue <Kbd>Esc</Kbd>
        </button>
        <h1 id="contact-name">{contactName(contact)}</h1>
        {(contact.title || contact.company) && <div className="contact-company">{[contact.title, contact.company].filter(Boolean).join(' · ')}</div>}
        <div className="badges lead-badges">
          {zone && (
            <span className="badge clock" aria-label="Their local time">
              {clockIn(zone, now)} their time · {zone}
            </span>
          )}
          <span className={`badge ${leadNow.callable ? 'badge-ok' : 'badge-bad'}`}>{leadNow.callable ? 'Inside calling hours' : 'Outside calling hours'}: {leadNow.callingHoursReason.replace(/^(inside|outside) calling hours /, '')}</span>
          <span className={`badge ${leadNow.voicemailWindowOpen ? 'badge-vm' : ''}`}>{leadNow.voicemailWindowOpen ? `Voicemail window open until ${leadNow.voicemailWindowUntil}` : 'Voicemail window closed'}</span>
          {contact.doNotCall && <span className="badge status-dnc">Do not call</span>}
          {contact.status === 'dud' && <span className="badge status-dud">Dud: {contact.dudReason}</span>}
        </div>
        {leadNow.queueReason && <div className="reason">Queue: {leadNow.queueReason}</div>}
        <div className="dial-number" aria-label="Number to dial">
          {contact.phoneDisplay}
        </div>
        <div className="dial-row">
          <button type="button" className="button primary big" onClick={() => dial()} disabled={busy || (activeCall !== null && !loop)}>
            {loop ? 'Redial now' : activeCall ? 'Dialled' : 'Dial'} <Kbd>Enter</Kbd>
          </button>
          {activeCall && (
            <span className="call-timer" role="timer" aria-label="Call time">
              {formatDuration(Math.max(0, now - Date.parse(activeCall.dialedAt)))}
            </span>
          )}
          <button type="button" className={voicemailMode ? 'button active-toggle' : 'button'} onClick={() => setVoicemailMode((on) => !on)} aria-pressed={voicemailMode}>
            Voicemail mode <Kbd>V</Kbd>
          </button>
        </div>
        {overridePrompt && (
          <div className="panel override" role="alertdialog" aria-label="Outside calling hours">
            <p className="form-error">{overridePrompt}</p>
            <div className="actions">
              <button type="button" className="button danger" onClick={() => dial(true)}>
                Dial anyway (override) <Kbd>O</Kbd>
              </button>
              <button type="button" className="button" onClick={() => setOverridePrompt(null)}>
                Don’t dial <Kbd>Esc</Kbd>
              </button>
            </div>
          </div>
        )}
        {loop && <RedialPanel loop={loop} now={now} onConnected={() => void redial('connected')} onStop={() => void redial('stop')} />}
        {voicemailMode && <VoicemailStopwatch firstName={contact.firstName} />}
        {status && (
          <p className={`status status-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
            {status.text}
          </p>
        )}
        <label className="field notes">
          <span>
            Notes <Kbd>N</Kbd> <span className="hint">kept as you type, even through a crash</span>
          </span>
          <textarea
            ref={notesRef}
            value={notes}
            rows={5}
            onChange={(e) => changeNotes(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.currentTarget.blur();
              }
            }}
            placeholder="What was said, what was agreed"
          />
          <span className="hint">
            <Kbd>Esc</Kbd> leaves the notes so the keys pick a disposition
          </span>
        </label>
      </section>

      <ScriptPanel key={contactId} contactId={contactId} voicemailMode={voicemailMode} keysDisabled={detail !== null || overridePrompt !== null} onMarks={setMarks} />

      <section className="panel dispositions" aria-labelledby="dispositions-title">
        <h2 id="dispositions-title">Disposition</h2>
        {detail ? (
          <DispositionDetail
            outcome={detail}
            leadZone={zone || 'UTC'}
            reasons={reasons}
            errors={detailErrors}
            busy={busy}
            onSave={(extra) => void save(detail, extra)}
            onCancel={() => {
              setDetail(null);
              setDetailErrors({});
            }}
          />
        ) : (
          <div className="disposition-bar">
            {DISPOSITIONS.map((d) => (
              <button key={d.outcome} type="button" className={`button disposition outcome-${d.outcome}`} disabled={busy || !activeCall} onClick={() => void save(d.outcome)}>
                <Kbd>{d.key}</Kbd> {d.label}
                {REQUIRED_DETAIL[d.outcome] && <span className="needs">…</span>}
              </button>
            ))}
          </div>
        )}
        {!activeCall && !detail && <p className="hint">Dial first; the disposition keys work once the call is placed.</p>}
      </section>

      <section className="panel history" aria-labelledby="history-title">
        {tasks.length > 0 && (
          <>
            <h2>Open tasks</h2>
            <ul className="task-list">
              {tasks.map((t) => (
                <li key={t.id}>
                  <span className="badge">{t.kind}</span> {t.title} · due {dateTimeIn(t.dueAt)}
                </li>
              ))}
            </ul>
          </>
        )}
        <h2 id="history-title">History</h2>
        <CallHistory calls={calls} zone={zone} />
      </section>
    </div>
  );
}
