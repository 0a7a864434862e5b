// Stalled leads raised in the queue: "next step slipped: proposal review was due Tue". W deals
// with the first: a numbered reason closes it (it leaves the queue), N gives it a new next step,
// Enter opens the lead to act on it.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../api/client';
import { coreNow } from '../../api/clock';
import { channelQuery, useSettings } from '../../api/queries';
import { Dialog } from '../../components/Dialog';
import { instantFromLocal, localInputValue, myZone } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands } from '../../keys/keymap';

type Stalled = { contactId: number; name: string; why: string };

export function StalledLeads({ onOpen }: { onOpen: (contactId: number) => void }) {
  const { data } = useQuery(channelQuery('stalled.list', {}));
  const [closing, setClosing] = useState<Stalled | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const first = data?.[0];
  useCommands('screen', [
    { id: 'queue.stalled', keys: ['w'], label: 'A stalled lead: close it with a reason, give it a new next step, or open it', group: 'Queue', enabled: first !== undefined, run: () => setClosing(first ?? null) },
  ]);
  if (!data || (data.length === 0 && message === null)) return null;
  return (
    <div className="stalled-leads" role="region" aria-label="Stalled leads">
      {message && (
        <p className="flash" role="status">
          {message}
        </p>
      )}
      {data.length > 0 && (
        <>
          <strong>{data.length === 1 ? 'Stalled' : `${data.length} stalled`}:</strong>{' '}
          {data.slice(0, 3).map((s) => (
            <button key={s.contactId} type="button" className="link-button" onClick={() => setClosing(s)}>
              {s.name} — {s.why}
            </button>
          ))}
          {data.length > 3 && <span> and {data.length - 3} more</span>} <Kbd command="queue.stalled" />
        </>
      )}
      {closing && (
        <StalledDialog
          lead={closing}
          onClose={() => setClosing(null)}
          onOpen={() => {
            setClosing(null);
            onOpen(closing.contactId);
          }}
          onDone={(text) => {
            setClosing(null);
            setMessage(text);
          }}
        />
      )}
    </div>
  );
}

function StalledDialog({ lead, onClose, onOpen, onDone }: { lead: Stalled; onClose: () => void; onOpen: () => void; onDone: (text: string) => void }) {
  const reasons = useSettings().data?.stalledReasons ?? [];
  const [nextStep, setNextStep] = useState<string | null>(null);
  const [nextAt, setNextAt] = useState(() => localInputValue(coreNow() + 86_400_000, myZone()));
  const [error, setError] = useState<string | null>(null);

  async function close(request: { reason: string } | { nextStep: string; nextAt: string }) {
    try {
      const done = await invoke('stalled.close', { contactId: lead.contactId, ...request });
      onDone(done.closed !== null ? `${lead.name}: closed as stalled (${done.closed}).` : `${lead.name}: new next step planned.`);
    } catch (failure) {
      // The dialog stays, with what was typed: the reason says what to do.
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <Dialog
      name="stalled"
      label="A stalled lead"
      onClose={onClose}
      closeLabel="Leave it for now"
      className="stalled-dialog"
      commands={[
        ...reasons.map((reason, i) => ({ id: `stalled.reason.${i + 1}`, keys: [String(i + 1)], label: `Close it: ${reason}`, run: () => void close({ reason: String(i + 1) }) })),
        { id: 'stalled.next', keys: ['n'], label: 'Give it a new next step', run: () => setNextStep('') },
        { id: 'stalled.open', keys: ['Enter'], label: 'Open the lead to act on it', enabled: nextStep === null, run: onOpen },
      ]}
    >
      <h2>
        {lead.name}: {lead.why}
      </h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p>Close it with why it stalled, give it a new next step, or open it to call.</p>
      {nextStep === null ? (
        // "Open the lead" first: the dialog focuses it, so Enter on it and the Enter key agree
        // (a focused reason would be closed by the Enter meant to open the lead).
        <div className="actions">
          <button type="button" className="button primary" onClick={onOpen}>
            Open the lead <Kbd command="stalled.open" />
          </button>
          <button type="button" className="button" onClick={() => setNextStep('')}>
            New next step <Kbd command="stalled.next" />
          </button>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const at = instantFromLocal(nextAt, myZone());
            if (!at) return setError('Enter a date and a time');
            void close({ nextStep, nextAt: at });
          }}
        >
          <label className="field">
            <span>New next step</span>
            <input value={nextStep} onChange={(e) => setNextStep(e.target.value)} maxLength={500} autoFocus />
          </label>
          <label className="field">
            <span>When (your time)</span>
            <input type="datetime-local" value={nextAt} onChange={(e) => setNextAt(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="button primary">
              Plan the next step
            </button>
          </div>
        </form>
      )}
      <ol className="stalled-reasons" aria-label="Why it stalled">
        {reasons.map((reason, i) => (
          <li key={reason}>
            <button type="button" className="link-button" onClick={() => void close({ reason: String(i + 1) })}>
              {reason}
            </button>{' '}
            <Kbd command={`stalled.reason.${i + 1}`} />
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
