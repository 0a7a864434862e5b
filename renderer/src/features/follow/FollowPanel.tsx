// Follow-through beside a call: the lead's step ("email sent 1 Dec · call due Thu 09:00 their
// time"), its open tasks and promises; E opens the email in the desk's mail client (mailto:),
// then Enter marks it sent; P records a promise.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { EmailDraft, OpenTask, PromiseView } from '../../../../shared/ipc/contract';
import { invoke } from '../../api/client';
import { coreNow, useCoreNow } from '../../api/clock';
import { queries } from '../../api/queries';
import { Dialog } from '../../components/Dialog';
import { instantFromLocal, leadTime, localInputValue, myZone, yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd, useCommands } from '../../keys/keymap';
import { ComplaintCaseDialog, ComplaintCaseLine } from './ComplaintCase';

const HOUR = 3_600_000;

/** Put text on the clipboard; false when the system refused (the text stays on screen to copy). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Open a lead's email in the desk's mail client (mailto:, through the opener's allowlist); when
 *  the link cannot be opened, the draft still comes back to copy as text. Shared by the call
 *  screen and the Tasks screen. */
export async function openEmailDraft(request: { contactId: number; taskId?: number }): Promise<{ draft: EmailDraft; opened: boolean; message: string | null } | { failed: string }> {
  try {
    const draft = await invoke('email.open', request);
    const copied = draft.bodyOnClipboard ? await copyText(draft.body) : false;
    return { draft, opened: true, message: draft.bodyOnClipboard ? (copied ? draft.note : 'The email is too long for a mail link and the clipboard refused it: copy the text below into the draft.') : null };
  } catch (failure) {
    // The link could not be opened: the draft is still there to copy as text.
    try {
      const draft = await invoke('email.draft', request);
      return { draft, opened: false, message: failure instanceof Error ? failure.message : String(failure) };
    } catch (again) {
      return { failed: again instanceof Error ? again.message : String(again) };
    }
  }
}

export function FollowPanel({ contactId, leadName, callId }: { contactId: number; leadName: string; callId: number | null }) {
  const { data, error } = useQuery(queries.followOf(contactId));
  const [email, setEmail] = useState<{ draft: EmailDraft; opened: boolean; message: string | null } | null>(null);
  const [promising, setPromising] = useState(false);
  const [complaintOpen, setComplaintOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const emailTask = data?.tasks.find((t) => t.kind === 'email') ?? null;

  async function openEmail() {
    const opened = await openEmailDraft({ contactId, ...(emailTask ? { taskId: emailTask.id } : {}) });
    if ('failed' in opened) setMessage(opened.failed);
    else setEmail(opened);
  }

  useCommands('screen', [
    { id: 'follow.email', keys: ['e'], label: 'Email this lead: open the draft in your mail client', group: 'Follow-through', run: () => void openEmail() },
    { id: 'follow.promise', keys: ['p'], label: 'I promised…: record a promise', group: 'Follow-through', run: () => setPromising(true) },
    { id: 'follow.complaint', keys: ['x'], label: 'Complaint case: open one on this call, or show the case in order', group: 'Follow-through', enabled: data !== undefined, run: () => setComplaintOpen(true) },
  ]);

  return (
    <div className="follow" aria-label="Follow-through">
      {error && (
        <p className="form-error" role="alert">
          Could not load the follow-up: {error.message}
        </p>
      )}
      {data?.step && (
        <p className="follow-step" data-testid="follow-step">
          {data.step}
        </p>
      )}
      {data?.complaint && <ComplaintCaseLine complaint={data.complaint} onOpen={() => setComplaintOpen(true)} />}
      {message && (
        <p className="flash" role="status">
          {message}
        </p>
      )}
      <div className="follow-actions">
        <button type="button" className="button" onClick={() => void openEmail()}>
          {emailTask ? 'Send the email' : 'Email'} <Kbd command="follow.email" />
        </button>
        <button type="button" className="button" onClick={() => setPromising(true)}>
          I promised… <Kbd command="follow.promise" />
        </button>
        {!data?.complaint && (
          <button type="button" className="button" onClick={() => setComplaintOpen(true)}>
            Complaint case <Kbd command="follow.complaint" />
          </button>
        )}
      </div>
      {data && data.tasks.length > 0 && (
        <>
          <h2>Open tasks</h2>
          <ul className="task-list" aria-label="Open tasks">
            {data.tasks.map((t) => (
              <TaskLine key={t.id} task={t} />
            ))}
          </ul>
        </>
      )}
      {data && data.promises.length > 0 && (
        <>
          <h2>Promises</h2>
          <ul className="promise-list" aria-label="Promises">
            {data.promises.map((p) => (
              <PromiseLine key={p.id} promise={p} onMessage={setMessage} />
            ))}
          </ul>
        </>
      )}
      {email && (
        <EmailDialog
          draft={email.draft}
          opened={email.opened}
          message={email.message}
          onClose={() => setEmail(null)}
          onSent={(step) => {
            setEmail(null);
            setMessage(`Email marked sent. ${step}`);
          }}
        />
      )}
      {complaintOpen && data && <ComplaintCaseDialog contactId={contactId} callId={callId} complaint={data.complaint} onClose={() => setComplaintOpen(false)} />}
      {promising && (
        <PromiseDialog
          contactId={contactId}
          callId={callId}
          leadName={leadName}
          onClose={() => setPromising(false)}
          onSaved={(p) => {
            setPromising(false);
            setMessage(`Promise recorded: ${p.what}, due ${yourTime(p.dueAt)}.`);
          }}
        />
      )}
    </div>
  );
}

function TaskLine({ task }: { task: OpenTask }) {
  const now = useCoreNow(60_000);
  return (
    <li className={task.late ? 'task-late' : undefined}>
      <span className="badge">{task.kind}</span> {task.title} · due {leadTime(task.dueAt, task.zone, now)}
      {task.late && <span className="late"> · {task.late}</span>}
    </li>
  );
}

function PromiseLine({ promise, onMessage }: { promise: PromiseView; onMessage: (text: string) => void }) {
  const [keeping, setKeeping] = useState(false);
  const [note, setNote] = useState('');
  async function act(action: 'keep' | 'break') {
    try {
      if (action === 'keep') await invoke('promises.keep', { id: promise.id, note });
      else await invoke('promises.break', { id: promise.id });
      onMessage(action === 'keep' ? `Promise kept: ${promise.what}.` : `Promise marked broken: call ${promise.toWhom} first and say so (a call task is due now).`);
    } catch (failure) {
      onMessage(failure instanceof Error ? failure.message : String(failure));
    }
  }
  return (
    <li className={promise.overdue ? 'promise-overdue' : undefined} data-testid="promise">
      <span className="badge">{promise.overdue ? 'overdue' : 'promise'}</span> {promise.what} · to {promise.toWhom} · {promise.owner} · due {yourTime(promise.dueAt)}
      {promise.late && <strong className="late"> · {promise.late}</strong>}{' '}
      {keeping ? (
        <form
          className="promise-keep"
          onSubmit={(e) => {
            e.preventDefault();
            void act('keep');
          }}
        >
          <input aria-label="How it was kept" placeholder="How it was kept" value={note} onChange={(e) => setNote(e.target.value)} autoFocus maxLength={2000} />
          <button type="submit" className="button">
            Kept
          </button>
        </form>
      ) : (
        <button type="button" className="link-button" onClick={() => setKeeping(true)}>
          Kept…
        </button>
      )}
      {promise.overdue && (
        <button type="button" className="link-button" onClick={() => void act('break')}>
          Broken
        </button>
      )}
    </li>
  );
}

export function EmailDialog({ draft, opened, message, onClose, onSent }: { draft: EmailDraft; opened: boolean; message: string | null; onClose: () => void; onSent: (step: string) => void }) {
  const [status, setStatus] = useState<string | null>(message);
  async function markSent() {
    try {
      const sent = await invoke('email.markSent', { contactId: draft.contactId, ...(draft.taskId !== null ? { taskId: draft.taskId } : {}), situation: draft.situation, ...(draft.templateId !== null ? { templateId: draft.templateId } : {}) });
      onSent(sent.step);
    } catch (failure) {
      setStatus(failure instanceof Error ? failure.message : String(failure));
    }
  }
  async function copy() {
    setStatus((await copyText(draft.text)) ? 'The email is on the clipboard as text.' : 'The clipboard refused it: select the text below and copy it.');
  }
  return (
    <Dialog
      name="email"
      label="Email"
      onClose={onClose}
      closeLabel="Not sent yet"
      className="email-dialog"
      commands={[
        { id: 'email.sent', keys: ['Enter'], label: 'Mark it sent (logged on the lead; the follow-up call is planned)', where: 'anywhere', run: () => void markSent() },
        { id: 'email.copy', keys: ['c'], label: 'Copy the email as text', run: () => void copy() },
      ]}
    >
      <h2>{opened ? 'The draft is open in your mail client' : 'Email'}</h2>
      {status && (
        <p className={opened ? 'flash' : 'form-error'} role="status">
          {status}
        </p>
      )}
      <dl className="email-head">
        <dt>To</dt>
        <dd>{draft.to || '(no address)'}</dd>
        <dt>Subject</dt>
        <dd>{draft.subject}</dd>
      </dl>
      <textarea className="email-text" aria-label="The email as text" readOnly value={draft.body} rows={8} />
      <div className="actions">
        <button type="button" className="button primary" onClick={() => void markSent()}>
          Mark sent <Kbd command="email.sent" />
        </button>
        <button type="button" className="button" onClick={() => void copy()}>
          Copy as text <Kbd command="email.copy" />
        </button>
        <button type="button" className="button" onClick={onClose}>
          Not sent yet <Kbd command="email.close" />
        </button>
      </div>
    </Dialog>
  );
}

/** "I promised…": what, to whom, due when (quick picks or a time on the rep's clock), whose. */
function PromiseDialog({ contactId, callId, leadName, onClose, onSaved }: { contactId: number; callId: number | null; leadName: string; onClose: () => void; onSaved: (p: PromiseView) => void }) {
  const [what, setWhat] = useState('');
  const [toWhom, setToWhom] = useState(leadName);
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(() => localInputValue(coreNow() + 24 * HOUR, myZone()));
  const [error, setError] = useState<string | null>(null);
  const pick = (ms: number) => setDue(localInputValue(coreNow() + ms, myZone()));

  async function save() {
    const dueAt = instantFromLocal(due, myZone());
    if (!what.trim()) return setError('Say what you promised');
    if (!dueAt) return setError('Enter a date and a time');
    try {
      onSaved(await invoke('promises.add', { contactId, ...(callId !== null ? { callId } : {}), what: what.trim(), toWhom: toWhom.trim(), owner: owner.trim(), dueAt }));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <Dialog name="promise" label="I promised…" onClose={onClose} closeLabel="Cancel" className="promise-dialog">
      <h2>I promised…</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>What</span>
          <input value={what} onChange={(e) => setWhat(e.target.value)} maxLength={500} placeholder="send the price list" aria-invalid={error ? true : undefined} />
        </label>
        <label className="field">
          <span>To whom</span>
          <input value={toWhom} onChange={(e) => setToWhom(e.target.value)} maxLength={120} />
        </label>
        <label className="field">
          <span>Due (your time)</span>
          <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        <div className="quick-picks" aria-label="Quick picks">
          <button type="button" className="link-button" onClick={() => pick(HOUR)}>
            in 1 hour
          </button>
          <button type="button" className="link-button" onClick={() => pick(4 * HOUR)}>
            in 4 hours
          </button>
          <button type="button" className="link-button" onClick={() => pick(24 * HOUR)}>
            in a day
          </button>
          <button type="button" className="link-button" onClick={() => pick(3 * 24 * HOUR)}>
            in 3 days
          </button>
        </div>
        <label className="field">
          <span>Owner</span>
          <input value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={120} placeholder="you" />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary">
            Record the promise
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel <Kbd command="promise.close" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}
