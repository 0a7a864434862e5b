import { memo, useCallback, useEffect, useEffectEvent, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Call, ContactDetail } from '../../../../shared/ipc/contract';
import { DISPOSITIONS, inboundRefusal, outcomeLabel, requiredDetail, type Outcome } from '../../../../shared/domain/dispositions';
import { dudText } from '../../../../shared/domain/dud';
import { isDialable, isMobileLabel } from '../../../../shared/domain/mobileNext';
import { extensionNotInLink } from '../../../../shared/domain/dialPresets';
import { formatDuration } from '../../../../shared/domain/duration';
import { ApiError } from '../../api/client';
import { useCoreNow } from '../../api/clock';
import { useCoreMutation, useDial, useHangUp, useLogCall, useLogInbound, useRedialAct, useSaveDraft } from '../../api/mutations';
import { queries, useSettings } from '../../api/queries';
import { CallHistory } from '../../components/CallHistory';
import { contactName } from '../../components/format';
import { leadTime } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands, useModalCommands } from '../../keys/keymap';
import { FollowPanel } from '../follow/FollowPanel';
import type { Command } from '../../keys/registry';
import { ScriptPanel, type ScriptMarks } from '../scripts/ScriptPanel';
import { DispositionDetail, type Detail, type DetailOutcome } from './DispositionDetail';
import { RedialEnded, RedialPanel } from './RedialPanel';
import { VoicemailStopwatch } from './VoicemailStopwatch';
import { PowerDialPanel, usePowerDial } from './PowerDial';
import { SkipDialog } from './SkipDialog';
import { SharedNumberDnc, SharesNumberNote } from './SharedNumberDnc';
import { LeadLabels, TagPicker } from '../campaigns/LeadLabels';
import { recordDisposition } from '../undo/session';

// 'oncall': once dialled, the status line is the call's own ("On the call 0:42"), with `text` after it.
type Status = { kind: 'ok' | 'error' | 'info' | 'oncall'; text: string } | null;

/** "1 Dec": a call's day in the rep's locale and zone. */
const callDayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

const DRAFT_DELAY_MS = 300;

// Beside the call, drawn again only when their own props change: not for each status line, the
// busy state around a disposition, or each key typed in the notes.
const MemoFollowPanel = memo(FollowPanel);
const MemoCallHistory = memo(CallHistory);
const MemoLeadLabels = memo(LeadLabels);

interface CallScreenProps {
  contactId: number;
  /** What the previous screen saved ("Saved: No answer for Ana Silva"), shown on arrival. */
  flash: string | null;
  reasons: string[];
  /** Set while mounted: whether the screen may be left now (it says why not itself). */
  leaveGuardRef: RefObject<((leave: () => void) => boolean) | null>;
  onBack: (flash?: string) => void;
  /** Show this lead next (the next one, or this one again while its redial loop runs). */
  onShow: (contactId: number, flash: string) => void;
  /** Power-dial mode (a setting): after a disposition, the next lead is dialled after this
   *  many seconds; null when off. */
  powerDialSeconds?: number | null;
  /** Whether this lead was shown by a disposition (power dialling counts down only then). */
  afterDisposition?: boolean;
  /** Opened with I from the queue: ready to log a call the prospect made. */
  startInbound?: boolean;
}

/** The saved line's ending while the redial loop runs (its panel says the rest). */
const LOOP_IS_ON = 'The redial loop is on.';

export function CallScreen(props: CallScreenProps) {
  const client = useQueryClient();
  const query = queries.contact(props.contactId);
  const detail = useQuery(query);
  // A lead whose cached answer was made stale when the screen opened (its call was logged since)
  // is shown once the fresh one is in: never offer to dial over a call that has ended.
  const [openedOnStale] = useState(() => (client.getQueryState(query.queryKey)?.isInvalidated ? detail.dataUpdatedAt : null));
  const waiting = !detail.data || (openedOnStale !== null && detail.dataUpdatedAt === openedOnStale);
  // Enter pressed before the lead is on screen still dials, once it is.
  const [dialWhenReady, setDialWhenReady] = useState(false);
  useCommands(
    'screen',
    waiting
      ? [
          { id: 'call.dial', keys: ['Enter'], label: 'Dial', group: 'Call', run: () => setDialWhenReady(true) },
          { id: 'call.back', keys: ['Escape'], label: 'Back to the queue', group: 'Call', run: () => props.onBack() },
        ]
      : [],
  );
  if (detail.error) {
    return (
      <div className="panel">
        <p role="alert" className="form-error">
          Could not load this contact: {detail.error.message}
        </p>
        <button type="button" className="button" onClick={() => props.onBack()}>
          Back to the queue <Kbd command="call.back" />
        </button>
      </div>
    );
  }
  if (waiting || !detail.data) return <p className="hint">Loading…</p>;
  return <CallView {...props} data={detail.data} dialOnOpen={dialWhenReady} />;
}

function CallView({ contactId, flash, reasons, leaveGuardRef, onBack, onShow, data, dialOnOpen, powerDialSeconds = null, afterDisposition = false, startInbound = false }: CallScreenProps & { data: ContactDetail; dialOnOpen: boolean }) {
  const [notes, setNotes] = useState(data.draft);
  // Opened with I from the queue (and no call waiting for its disposition): ready for the outcome.
  const startsInbound = startInbound && !(data.calls[0]?.outcome === null && data.calls[0].dialFailure === null) && data.redial?.status !== 'running';
  const [status, setStatus] = useState<Status>(() => (flash ? { kind: 'ok', text: flash } : startsInbound ? { kind: 'info', text: inboundPrompt(data.contact) } : null));
  const [busy, setBusy] = useState(false);
  const [detail, setDetail] = useState<DetailOutcome | null>(null);
  const [detailErrors, setDetailErrors] = useState<Record<string, string>>({});
  // D on a number other leads share: asked first, naming them (a do-not-call stops the number).
  const [confirmingDnc, setConfirmingDnc] = useState(false);
  const [overridePrompt, setOverridePrompt] = useState<string | null>(null);
  const [voicemailMode, setVoicemailMode] = useState(false);
  // I: the rep logs a call the prospect made; the disposition keys then log it, direction inbound.
  const [inbound, setInbound] = useState(startsInbound);
  const [gatekeeperName, setGatekeeperName] = useState('');
  const notesRef = useRef<HTMLTextAreaElement>(null);
  // What the script panel says came up and was ticked: saved with the disposition.
  const marks = useRef<ScriptMarks>({ objections: [], checklist: [] });
  const setMarks = useCallback((next: ScriptMarks) => (marks.current = next), []);
  const dialCall = useDial();
  const logCall = useLogCall();
  const logInbound = useLogInbound();
  const hangUp = useHangUp();
  const redialAct = useRedialAct();
  const saveDraft = useSaveDraft();
  const queueAct = useCoreMutation('queue.act');
  const [skipping, setSkipping] = useState(false);
  const [tagging, setTagging] = useState(false);
  const skipMinutes = useSettings().data?.queue.skipMinutes ?? 60;

  const { contact, calls, now: leadNow } = data;
  // A wrong number names the call that reported it, by its day.
  const callDay = (callId: number) => {
    const reported = calls.find((c) => c.id === callId);
    return reported ? callDayFormat.format(Date.parse(reported.dialedAt)) : null;
  };
  const lastGatekeeper = calls.find((c) => c.gatekeeperName !== null)?.gatekeeperName ?? null;
  const zone = leadNow.zone;
  // The call in progress: the newest attempt while it has no outcome (a redial the core placed,
  // or a call a crash interrupted, comes back here so its disposition is never lost). A dial the
  // phone did not take is over: it needs no disposition.
  const openCall = calls[0]?.outcome === null && calls[0].dialFailure === null ? calls[0] : null;
  // The extension of the number dialled, where the phone's link could not carry it.
  const dialledExtension = openCall === null ? null : openCall.number === contact.e164 ? contact.extension : (contact.otherPhones.find((phone) => phone.e164 === openCall.number)?.extension ?? null);
  const extensionToKey = openCall === null ? null : extensionNotInLink(openCall.dialUri, dialledExtension);
  const loop = data.redial?.status === 'running' ? data.redial : null;
  const firstMobile = contact.otherPhones.findIndex((phone) => isDialable(phone) && isMobileLabel(phone.label));
  // "Try the mobile next" (a setting): after a no answer on the main number, Enter dials the mobile.
  const nextOther = !openCall && !loop && data.nextDial ? contact.otherPhones[data.nextDial.otherPhone] : undefined;
  const nextDialIndex = nextOther ? data.nextDial!.otherPhone : null;
  const activeCallRef = useRef<Call | null>(openCall);
  const dialInFlight = useRef<Promise<Call | null> | null>(null);
  // The call the last dial placed, from its reply: a disposition key pressed after the reply but
  // before the screen has rendered it still logs that call.
  const dialled = useRef<Call | null>(null);
  const logging = useRef(false);
  useLayoutEffect(() => {
    activeCallRef.current = openCall;
    // Once the history on screen has the dialled call, it says whether that call is still open.
    if (dialled.current && calls.some((c) => c.id === dialled.current?.id)) dialled.current = null;
  });

  // Leaving while a call waits for its disposition is refused, with the reason.
  useLayoutEffect(() => {
    leaveGuardRef.current = () => {
      if (!activeCallRef.current) return false;
      setStatus({ kind: 'info', text: 'Pick a disposition before leaving this call.' });
      return true;
    };
    return () => {
      leaveGuardRef.current = null;
    };
  }, [leaveGuardRef]);

  // Notes: the draft kept in the database comes back after a crash; every change is saved.
  const draftTimer = useRef<number | undefined>(undefined);
  // Typed but not yet sent: leaving the screen (Alt+L, Ctrl+K…) sends it at once, never drops it.
  const pendingDraft = useRef<string | null>(null);
  const changeNotes = (text: string) => {
    setNotes(text);
    window.clearTimeout(draftTimer.current);
    pendingDraft.current = text;
    draftTimer.current = window.setTimeout(() => {
      pendingDraft.current = null;
      saveDraft.mutate({ contactId, text }, { onError: () => setStatus({ kind: 'error', text: 'Could not save the notes draft; keep this screen open.' }) });
    }, DRAFT_DELAY_MS);
  };
  const flushDraft = useEffectEvent(() => {
    const text = pendingDraft.current;
    pendingDraft.current = null;
    if (text !== null) saveDraft.mutate({ contactId, text });
  });
  useEffect(
    () => () => {
      window.clearTimeout(draftTimer.current);
      flushDraft();
    },
    [],
  );

  // Which number the last dial asked for (null: the main one): the override prompt dials it again.
  const [dialledOther, setDialledOther] = useState<number | null>(null);

  function dial(override = false, chosenPhone: number | null = null) {
    if (dialInFlight.current || logging.current) return;
    const otherPhone = chosenPhone ?? nextDialIndex;
    // A redial the rep has not confirmed: Enter says "still engaged" (the next one follows the
    // countdown); nothing is dialled over an attempt that may have been answered.
    if (loop?.awaitingConfirmation && activeCallRef.current) {
      void save('engaged');
      return;
    }
    if ((activeCallRef.current ?? dialled.current) && !loop) {
      setStatus({ kind: 'info', text: 'Already dialled: pick a disposition first.' });
      return;
    }
    setOverridePrompt(null);
    setInbound(false);
    setBusy(true);
    setDialledOther(otherPhone);
    const other = otherPhone === null ? null : contact.otherPhones[otherPhone];
    const shown = other ? `the ${other.label || 'other'} number, ${other.raw}` : contact.phoneDisplay;
    // "Dialling…" only until the phone has the number; then the line is the call's ("On the call 0:42").
    setStatus({ kind: 'info', text: `Dialling ${shown}…` });
    const inFlight = dialCall.mutateAsync({ contactId, override, ...(otherPhone === null || loop ? {} : { otherPhone }) }).then(
      (call) => {
        dialled.current = call;
        setStatus({ kind: 'oncall', text: `${other ? ` with ${shown}` : ''}${call.override ? ' (outside calling hours, override recorded)' : ''}` });
        return call;
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.code === 'outside_hours') setOverridePrompt(e.message);
        else setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
        return null;
      },
    );
    dialInFlight.current = inFlight;
    void inFlight.finally(() => {
      dialInFlight.current = null;
      setBusy(false);
    });
  }

  // Enter pressed while the lead was loading: dial once it is on screen.
  const dialNow = useEffectEvent(() => dial());
  useEffect(() => {
    if (dialOnOpen) dialNow();
  }, [dialOnOpen]);

  // Power dialling: never for a lead outside its calling hours, never over a call or a redial loop.
  const [powerStopped, setPowerStopped] = useState(false);
  const powerArmed = powerDialSeconds !== null && afterDisposition && !powerStopped && openCall === null && loop === null && leadNow.callable;
  const power = usePowerDial(powerArmed, powerDialSeconds ?? 3, () => dial());
  const powerShown = powerArmed;

  async function save(outcome: Outcome, extra: Detail = {}, sharedNumberConfirmed = false) {
    if (logging.current) return;
    logging.current = true;
    try {
      const call = inbound ? null : (activeCallRef.current ?? (dialInFlight.current ? await dialInFlight.current : dialled.current));
      if (!call && !inbound) {
        setStatus({ kind: 'info', text: 'Dial first (Enter), or I to log a call they made, then pick the disposition.' });
        return;
      }
      const notInbound = inbound ? inboundRefusal(outcome) : null;
      if (notInbound) {
        setStatus({ kind: 'info', text: notInbound });
        return;
      }
      // A do-not-call is kept per number: on the lead's number, shared with colleagues behind a
      // switchboard, it stops calls to them too. Said by name, and asked, first.
      const number = call ? call.number : contact.e164;
      if (outcome === 'do_not_call' && !sharedNumberConfirmed && data.sharesNumberWith.length > 0 && number === contact.e164) {
        setConfirmingDnc(true);
        return;
      }
      if (requiredDetail(outcome) !== null && Object.keys(extra).length === 0) {
        setDetail(outcome as DetailOutcome);
        setDetailErrors({});
        return;
      }
      window.clearTimeout(draftTimer.current);
      pendingDraft.current = null;
      // The request first, then the screen: nothing is rendered before it has left.
      const gatekeeper = outcome === 'gatekeeper' && gatekeeperName.trim() ? { gatekeeperName: gatekeeperName.trim() } : {};
      const fields = { outcome, notes, ...extra, ...gatekeeper, objections: marks.current.objections, checklist: marks.current.checklist };
      const logged = call ? logCall(contactId, { callId: call.id, ...fields }) : logInbound({ contactId, ...fields });
      setBusy(true);
      const reply = await logged;
      recordDisposition({ callId: reply.call.id, contactId, outcome: reply.call.outcome ?? outcome, name: contactName(contact), loggedAt: Date.now() });
      const text =
        reply.call.direction === 'inbound'
          ? `Saved: inbound call, ${outcomeLabel(reply.call.outcome)} for ${contactName(contact)}`
          : `Saved: ${outcomeLabel(reply.call.outcome)} for ${contactName(contact)} · ${formatDuration(reply.call.durationMs ?? 0)}`;
      // The reply holds what comes next: its lead is in the cache already.
      const shown = reply.show?.detail;
      if (!shown) onBack(`${text}. Nobody else can be called right now.`);
      // The same lead while its redial loop runs: the loop's panel says the rest.
      else if (shown.contact.id === contactId && shown.redial?.status === 'running') onShow(contactId, `Saved: ${outcomeLabel(reply.call.outcome)} · ${formatDuration(reply.call.durationMs ?? 0)}. ${LOOP_IS_ON}`);
      else onShow(shown.contact.id, text);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length > 0 && requiredDetail(outcome) !== null) {
        setDetail(outcome as DetailOutcome);
        // The fields carry the messages; the summary only for anything the form does not show.
        const shown = ['nextStep', 'nextAt', 'callbackAt', 'reason'];
        setDetailErrors(Object.keys(e.fields).every((k) => shown.includes(k)) ? e.fields : { ...e.fields, form: e.message });
      } else setStatus({ kind: 'error', text: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      logging.current = false;
      setBusy(false);
    }
  }

  async function redial(action: 'connected' | 'stop') {
    try {
      await redialAct.mutateAsync({ contactId, action });
      setStatus({ kind: 'info', text: action === 'connected' ? 'Connected: the loop stopped. Pick the disposition when the call ends.' : 'Redial loop stopped; the lead is back in the queue as a retry.' });
    } catch (e) {
      setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }

  // Skip this lead for now with a reason: back to the queue, which says so.
  async function skip(reason: string) {
    setSkipping(false);
    try {
      const reply = await queueAct.mutateAsync({ contactId, action: 'skip', reason });
      onBack(`${contactName(contact)}: ${reply.message}`);
    } catch (e) {
      setStatus({ kind: 'error', text: `Not skipped: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  // H: the rep says the line is hung up; talk time ends there and the rest is wrap-up.
  async function markHungUp() {
    if (!openCall) return;
    try {
      await hangUp.mutateAsync({ callId: openCall.id });
    } catch (e) {
      setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }

  const commands: Command[] = [
    { id: 'call.dial', keys: ['Enter'], label: loop?.awaitingConfirmation ? 'Still engaged (redial after the countdown)' : loop ? 'Redial now' : nextOther ? `Dial the ${nextOther.label || 'other'} number` : 'Dial', group: 'Call', run: () => dial() },
    ...DISPOSITIONS.map(
      (d): Command => ({
        id: `call.outcome.${d.outcome}`,
        keys: [d.key],
        label: requiredDetail(d.outcome) !== null ? `${d.label} (asks for details)` : d.label,
        group: 'Disposition',
        run: () => void save(d.outcome),
      }),
    ),
    // Every other phone the lead has: M the (first) mobile, Alt+2… each in the list's order.
    ...(firstMobile >= 0 ? [{ id: 'call.dialMobile', keys: ['m'], label: 'Dial the mobile', group: 'Call', enabled: !(openCall !== null && !loop), run: () => dial(false, firstMobile) }] : []),
    ...contact.otherPhones.flatMap((phone, i): Command[] =>
      !isDialable(phone) || i > 7
        ? []
        : [{ id: `call.dialOther.${i}`, keys: [`Alt+${i + 2}`], label: `Dial the ${phone.label || 'other'} number (${phone.raw})`, group: 'Call', where: 'anywhere', enabled: !(openCall !== null && !loop), run: () => dial(false, i) }],
    ),
    { id: 'call.notes', keys: ['n'], label: 'Write notes', group: 'Call', run: () => notesRef.current?.focus() },
    ...(openCall || loop || inbound
      ? []
      : [
          {
            id: 'call.inbound',
            keys: ['i'],
            label: 'Log a call they made (inbound), then its outcome key',
            group: 'Call',
            run: () => {
              setInbound(true);
              setStatus({ kind: 'info', text: inboundPrompt(contact) });
            },
          },
        ]),
    ...(openCall && !loop && openCall.hungUpAt === null
      ? [{ id: 'call.hangUp', keys: ['h'], label: 'Hung up: talk time ends, wrap-up starts', group: 'Call', run: () => void markHungUp() }]
      : []),
    { id: 'call.tag', keys: ['t'], label: 'Tag this lead (type a tag, Enter)', group: 'Call', run: () => setTagging(true) },
    { id: 'call.voicemail', keys: ['v'], label: voicemailMode ? 'Close voicemail mode' : 'Voicemail mode: stopwatch and script', group: 'Call', run: () => setVoicemailMode((on) => !on) },
    {
      id: 'call.back',
      keys: ['Escape'],
      label: powerShown ? 'Stop power dialling for this lead' : inbound ? 'Cancel the inbound call' : voicemailMode ? 'Close voicemail mode' : 'Back to the queue',
      group: 'Call',
      run: () => {
        if (powerShown) setPowerStopped(true);
        else if (inbound) {
          setInbound(false);
          setStatus({ kind: 'info', text: 'No inbound call logged.' });
        } else if (voicemailMode) setVoicemailMode(false);
        else if (activeCallRef.current) setStatus({ kind: 'info', text: 'Pick a disposition before leaving this call.' });
        else onBack();
      },
    },
    ...(powerShown ? [{ id: 'call.powerPause', keys: ['Space'], label: power.paused ? 'Resume the power-dial countdown' : 'Pause the power-dial countdown', group: 'Call', run: power.togglePause }] : []),
    ...(loop || openCall ? [] : [{ id: 'call.skip', keys: ['s'], label: 'Skip this lead for now, with a reason', group: 'Call', run: () => setSkipping(true) }]),
    ...(loop
      ? [
          { id: 'call.connected', keys: ['c'], label: 'Connected: stop the redial loop', group: 'Redial loop', run: () => void redial('connected') },
          { id: 'call.stopRedial', keys: ['s'], label: 'Stop redialling', group: 'Redial loop', run: () => void redial('stop') },
        ]
      : []),
  ];
  useCommands('screen', commands);

  return (
    // A disposition's details (a callback time, the next step, a reason) take the script's column
    // while open: below the card there is no room for them at 1024×640, nor at 1920×1080.
    <div className={`call-layout${voicemailMode ? ' voicemail-on' : ''}${detail ? ' detail-open' : ''}`}>
      <section className="panel contact-card" aria-labelledby="contact-name">
        <div className="card-top">
          <button type="button" className="link-button" onClick={() => onBack()} disabled={openCall !== null}>
            ← Queue <Kbd command="call.back" />
          </button>
          <h1 id="contact-name">{contactName(contact)}</h1>
          {(contact.title || contact.company) && <div className="contact-company">{[contact.title, contact.company].filter(Boolean).join(' · ')}</div>}
        </div>
        <div className="badges lead-badges">
          {zone && <LeadClock zone={zone} />}
          <span className={`badge ${leadNow.callable ? 'badge-ok' : 'badge-bad'}`} title={leadNow.callingHoursReason}>
            {leadNow.callable ? 'Inside calling hours' : 'Outside calling hours'}: {leadNow.callingHoursReason.replace(/^(inside|outside) calling hours /, '')}
          </span>
          <span className={`badge ${leadNow.voicemailWindowOpen ? 'badge-vm' : ''}`}>{leadNow.voicemailWindowOpen ? `Voicemail window open until ${leadNow.voicemailWindowUntil}` : 'Voicemail window closed'}</span>
          {contact.doNotCall && <span className="badge status-dnc">Do not call</span>}
          {contact.status === 'dud' && <span className="badge status-dud">{dudText(contact.dudReason, callDay)}</span>}
        </div>
        <SharesNumberNote lead={data} withExtension />
        {leadNow.queueReason && !loop && <div className="reason">Queue: {contact.status === 'dud' ? dudText(contact.dudReason, callDay) : leadNow.queueReason}</div>}
        <div className="dial-row">
          <span className="dial-number" aria-label="Number to dial">
            {nextOther ? nextOther.raw : contact.phoneDisplay}
          </span>
          <button type="button" className="button primary big" onClick={() => dial()} disabled={busy || (openCall !== null && !loop)}>
            {loop?.awaitingConfirmation ? 'Still engaged' : loop ? 'Redial now' : openCall ? 'Dialled' : nextOther ? `Dial the ${nextOther.label || 'other'}` : 'Dial'} <Kbd command="call.dial" />
          </button>
          {openCall && !loop && <CallTimer since={openCall.dialedAt} />}
          <button type="button" className={voicemailMode ? 'button active-toggle' : 'button'} onClick={() => setVoicemailMode((on) => !on)} aria-pressed={voicemailMode}>
            Voicemail <Kbd command="call.voicemail" />
          </button>
        </div>
        {nextOther && (
          <p className="status status-info" role="status" aria-label="Next number">
            No answer on the main number: the next dial is the {nextOther.label || 'other'} number, {nextOther.raw}.
          </p>
        )}
        <MemoLeadLabels contactId={contactId} />
        {tagging && <TagPicker contactId={contactId} onClose={() => setTagging(false)} onTagged={(text) => setStatus({ kind: 'ok', text })} />}
        {skipping && <SkipDialog name={contactName(contact)} minutes={skipMinutes} onSkip={(reason) => void skip(reason)} onClose={() => setSkipping(false)} />}
        {powerShown && <PowerDialPanel name={contactName(contact)} leftSeconds={power.leftSeconds} paused={power.paused} />}
        {powerDialSeconds !== null && afterDisposition && !powerStopped && !leadNow.callable && !openCall && (
          <p className="status status-info" role="status">
            Power dial: not dialling {contactName(contact)}, outside their calling hours.
          </p>
        )}
        {contact.otherPhones.length > 0 && (
          <ul className="other-phones" aria-label="Other numbers">
            {contact.otherPhones.map((phone, i) => (
              <li key={`${i}-${phone.raw}`}>
                <span className="other-label">{phone.label || 'other'}</span> <span className="other-number">{phone.raw}</span>
                {phone.wrong !== undefined ? (
                  <span className="hint"> ({dudText(phone.wrong, callDay)})</span>
                ) : phone.e164 === null ? (
                  <span className="hint"> (not a valid number)</span>
                ) : (
                  <button type="button" className="button small" onClick={() => dial(false, i)} disabled={busy || (openCall !== null && !loop)}>
                    Dial {i === firstMobile && <Kbd command="call.dialMobile" />} <Kbd command={`call.dialOther.${i}`} />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {overridePrompt && <OverridePrompt message={overridePrompt} onDial={() => dial(true, dialledOther)} onCancel={() => setOverridePrompt(null)} />}
        {loop && <RedialPanel loop={loop} onConnected={() => void redial('connected')} onStop={() => void redial('stop')} />}
        {!loop && <RedialEnded loop={data.redial} />}
        {/* A call waiting for its disposition (just dialled, or the screen opened again) says how long it has run. */}
        {(status === null || status.kind === 'oncall') && openCall && !loop ? (
            <p className="status status-info" role="status">
              {openCall.hungUpAt === null ? (
                <>
                  On the call <Elapsed since={openCall.dialedAt} />
                  {status?.text} · <Kbd command="call.hangUp" /> hung up
                </>
              ) : (
                <>
                  Hung up after {formatDuration(Date.parse(openCall.hungUpAt) - Date.parse(openCall.dialedAt))}
                  {status?.text} · wrap-up <Elapsed since={openCall.hungUpAt} />
                </>
              )}
            </p>
        ) : (
          // "The redial loop is on" goes with the loop: undone or stopped, it is not said again.
          status && !(status.text.endsWith(LOOP_IS_ON) && !loop) && (
            <p className={`status status-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
              {status.text}
            </p>
          )
        )}
        {extensionToKey && (
          <p className="hint extension-to-key" role="note">
            Your phone is not sent extensions: key <strong>ext. {extensionToKey}</strong> when the line answers.
          </p>
        )}
        {(openCall || inbound) && !loop && (
          <label className="field gatekeeper-name">
            <span>
              Gatekeeper’s name <span className="hint">· saved with 4 (gatekeeper){lastGatekeeper ? ` · last time: ${lastGatekeeper}` : ''}</span>
            </span>
            <input type="text" value={gatekeeperName} maxLength={120} onChange={(e) => setGatekeeperName(e.target.value)} placeholder={lastGatekeeper ?? 'Who answered for them'} />
          </label>
        )}
        <label className="field notes">
          <span>
            Notes <Kbd command="call.notes" /> <span className="hint">kept as you type, even through a crash · </span>
            <Kbd command="field.leave" /> <span className="hint">leaves them</span>
          </span>
          <textarea ref={notesRef} value={notes} rows={3} onChange={(e) => changeNotes(e.target.value)} placeholder="What was said, what was agreed" />
        </label>
      </section>

      <section className="panel dispositions" aria-labelledby="dispositions-title">
        <h2 id="dispositions-title">{inbound ? 'Inbound call: what came of it' : 'Disposition'}</h2>
        {detail ? (
          <DispositionDetail
            outcome={detail}
            leadZone={zone || 'UTC'}
            leadHours={leadNow.hours}
            reasons={reasons}
            errors={detailErrors}
            busy={busy}
            onSave={(extra) => void save(detail, extra)}
            onCancel={() => {
              setDetail(null);
              setDetailErrors({});
            }}
          />
        ) : confirmingDnc && contact.e164 ? (
          <SharedNumberDnc
            lead={data}
            number={contact.e164}
            onConfirm={() => {
              setConfirmingDnc(false);
              void save('do_not_call', {}, true);
            }}
            onCancel={() => {
              setConfirmingDnc(false);
              setStatus({ kind: 'info', text: 'Do not call not logged: pick the disposition.' });
            }}
          />
        ) : (
          <>
            <div className="disposition-bar">
              {DISPOSITIONS.map((d) => (
                <button
                  key={d.outcome}
                  type="button"
                  className={`button disposition outcome-${d.outcome}`}
                  disabled={busy || (inbound ? inboundRefusal(d.outcome) !== null : !openCall)}
                  onClick={() => void save(d.outcome)}
                >
                  <Kbd command={`call.outcome.${d.outcome}`} /> {d.label}
                  {requiredDetail(d.outcome) !== null && <span className="needs">…</span>}
                </button>
              ))}
            </div>
            {!openCall && !inbound && (
              <p className="hint">
                Dial first; the disposition keys work once the call is placed.{!loop && (
                  <>
                    {' '}
                    <Kbd command="call.inbound" /> logs a call they made.
                  </>
                )}
              </p>
            )}
          </>
        )}
      </section>

      <div className="script-column">
        {voicemailMode && <VoicemailStopwatch firstName={contact.firstName} />}
        <ScriptPanel key={contactId} contactId={contactId} voicemailMode={voicemailMode} onMarks={setMarks} />
      </div>

      <section className="panel history" aria-labelledby="history-title">
        <MemoFollowPanel contactId={contactId} leadName={`${contact.firstName} ${contact.lastName}`.trim() || contact.company} callId={calls[0]?.id ?? null} />
        <h2 id="history-title">History</h2>
        <MemoCallHistory calls={calls} zone={zone} />
      </section>
    </div>
  );
}

/** The lead's clock, and the rep's beside it where it differs. */
function LeadClock({ zone }: { zone: string }) {
  const now = useCoreNow(60_000);
  return (
    <span className="badge clock" aria-label="Their local time" title={zone}>
      {leadTime(now, zone, now)}
    </span>
  );
}

function inboundPrompt(contact: ContactDetail['contact']): string {
  return `Inbound call from ${contactName(contact)}: pick the outcome (3–9, 0 or D); Esc cancels.`;
}

/** Time since an instant, as text in a sentence ("On the call 0:42"). */
function Elapsed({ since }: { since: string }) {
  const now = useCoreNow();
  return <span className="elapsed">{formatDuration(Math.max(0, now - Date.parse(since)))}</span>;
}

function CallTimer({ since }: { since: string }) {
  const now = useCoreNow();
  return (
    <span className="call-timer" role="timer" aria-label="Call time">
      {formatDuration(Math.max(0, now - Date.parse(since)))}
    </span>
  );
}

/** Dialling outside the lead's hours: O dials with the override recorded, Esc does not dial. */
function OverridePrompt({ message, onDial, onCancel }: { message: string; onDial: () => void; onCancel: () => void }) {
  useModalCommands('override', [
    { id: 'override.dial', keys: ['o'], label: 'Dial anyway (override, recorded on the call)', run: onDial },
    { id: 'override.cancel', keys: ['Escape'], label: 'Don’t dial', where: 'anywhere', run: onCancel },
  ]);
  return (
    <div className="panel override" role="alertdialog" aria-label="Outside calling hours">
      <p className="form-error">{message}</p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onDial}>
          Dial anyway (override) <Kbd command="override.dial" />
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Don’t dial <Kbd command="override.cancel" />
        </button>
      </div>
    </div>
  );
}
