// A complaint case beside the call: what to do next, and (X) the case in order — opened by the
// complaint call, the facts documented, the steps we will take (promises with dates, kept from the
// lead's Promises), the follow-up times by phone and email (tasks), the close-the-loop call, closed.
import { useState } from 'react';
import type { ComplaintCaseView } from '../../../../shared/ipc/contract';
import { invoke } from '../../api/client';
import { coreNow } from '../../api/clock';
import { Dialog } from '../../components/Dialog';
import { instantFromLocal, localInputValue, myZone, yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd } from '../../keys/keymap';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One line on the call screen: the case and what it needs next. */
export function ComplaintCaseLine({ complaint, onOpen }: { complaint: ComplaintCaseView; onOpen: () => void }) {
  const late = complaint.overdueSteps > 0;
  return (
    <p className={late ? 'complaint-line complaint-late' : 'complaint-line'} data-testid="complaint-line">
      <span className="badge">{complaint.state === 'closed' ? 'complaint closed' : 'complaint'}</span> {complaint.next}
      {late && <strong className="late"> · {complaint.overdueSteps === 1 ? 'a step is overdue' : `${complaint.overdueSteps} steps overdue`}</strong>}{' '}
      <button type="button" className="link-button" onClick={onOpen}>
        The case <Kbd command="follow.complaint" />
      </button>
    </p>
  );
}

/** A date and time on the rep's clock, with the quick picks. */
function DueField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const pick = (ms: number) => onChange(localInputValue(coreNow() + ms, myZone()));
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <input type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} />
      </label>
      <div className="quick-picks" role="group" aria-label={`${label}: quick picks`}>
        <button type="button" className="link-button" onClick={() => pick(4 * HOUR)}>
          in 4 hours
        </button>
        <button type="button" className="link-button" onClick={() => pick(DAY)}>
          in a day
        </button>
        <button type="button" className="link-button" onClick={() => pick(2 * DAY)}>
          in 2 days
        </button>
      </div>
    </>
  );
}

/** The case in order. With no case open, the complaint call opens one (its facts may come now or
 *  later). Nothing typed is lost on a refused save: the fields keep it and the reason is shown. */
export function ComplaintCaseDialog({ contactId, callId, complaint, onClose }: { contactId: number; callId: number | null; complaint: ComplaintCaseView | null; onClose: () => void }) {
  const [kase, setKase] = useState<ComplaintCaseView | null>(complaint);
  const [facts, setFacts] = useState(complaint?.state === 'closed' ? '' : (complaint?.facts ?? ''));
  const [step, setStep] = useState('');
  const [stepDue, setStepDue] = useState(() => localInputValue(coreNow() + DAY, myZone()));
  const [followKind, setFollowKind] = useState<'call' | 'email'>('call');
  const [followDue, setFollowDue] = useState(() => localInputValue(coreNow() + 2 * DAY, myZone()));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function run(action: () => Promise<ComplaintCaseView>, done: string) {
    try {
      const next = await action();
      setKase(next);
      setError(null);
      setStatus(done);
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  }

  const openCase = () => run(() => invoke('complaints.open', { contactId, ...(callId !== null ? { callId } : {}), facts }), 'Complaint case opened.');
  const saveFacts = (id: number) => (facts.trim() ? run(() => invoke('complaints.facts', { id, facts }), 'Facts saved.') : Promise.resolve(setError('Write down the facts: what, when, who, what it cost them')));
  async function addStep(id: number) {
    const dueAt = instantFromLocal(stepDue, myZone());
    if (!step.trim()) return setError('Say the step you will take');
    if (!dueAt) return setError('Enter a date and a time for the step');
    if (await run(() => invoke('complaints.addStep', { id, what: step.trim(), dueAt }), `Step promised: ${step.trim()}, due ${yourTime(dueAt)}.`)) setStep('');
  }
  async function addFollowUp(id: number) {
    const dueAt = instantFromLocal(followDue, myZone());
    if (!dueAt) return setError('Enter a date and a time for the follow-up');
    await run(() => invoke('complaints.addFollowUp', { id, kind: followKind, dueAt }), `Follow-up ${followKind === 'call' ? 'call' : 'email'} due ${yourTime(dueAt)}.`);
  }

  return (
    <Dialog name="complaint" label="Complaint case" onClose={onClose} closeLabel="Close the case view" className="complaint-dialog">
      <h2>Complaint case</h2>
      {kase && (
        <p className="complaint-next" data-testid="complaint-next">
          {kase.next}
        </p>
      )}
      {status && !error && (
        <p className="flash" role="status">
          {status}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!kase ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void openCase();
          }}
        >
          <p>A complaint call opens a case: it stays open until the call that closes the loop.</p>
          <label className="field">
            <span>Facts (what, when, who, what it cost them)</span>
            <textarea value={facts} onChange={(e) => setFacts(e.target.value)} rows={3} maxLength={10_000} />
          </label>
          <div className="actions">
            <button type="submit" className="button primary">
              Open the case
            </button>
          </div>
        </form>
      ) : (
        <ol className="complaint-case" aria-label="The case in order">
          <li>
            <strong>Opened</strong> {yourTime(kase.openedAt)}
            {kase.openedCallId !== null ? ` on call #${kase.openedCallId}` : ''}
          </li>
          <li>
            <strong>Facts</strong> {kase.factsAt ? `(written ${yourTime(kase.factsAt)})` : '(not yet written down)'}
            {kase.closedAt !== null && <p className="complaint-facts">{kase.facts}</p>}
            {kase.closedAt === null && <form
              className="complaint-form"
              onSubmit={(e) => {
                e.preventDefault();
                void saveFacts(kase.id);
              }}
            >
              <textarea aria-label="Facts" value={facts} onChange={(e) => setFacts(e.target.value)} rows={2} maxLength={10_000} />
              <button type="submit" className="button">
                Save the facts
              </button>
            </form>}
          </li>
          <li>
            <strong>Steps we will take</strong>
            <ul aria-label="Steps">
              {kase.steps.map((s) => (
                <li key={s.promiseId} className={s.state === 'overdue' ? 'promise-overdue' : undefined}>
                  <span className="badge">{s.state}</span> {s.what} · due {yourTime(s.dueAt)}
                  {s.late && <strong className="late"> · {s.late}</strong>}
                  {s.keptAt && ` · kept ${yourTime(s.keptAt)}${s.keptNote ? ` (${s.keptNote})` : ''}`}
                </li>
              ))}
            </ul>
            {kase.closedAt === null && <form
              className="complaint-form"
              onSubmit={(e) => {
                e.preventDefault();
                void addStep(kase.id);
              }}
            >
              <label className="field">
                <span>Step</span>
                <input value={step} onChange={(e) => setStep(e.target.value)} maxLength={500} placeholder="refund the second charge" />
              </label>
              <DueField label="Step due (your time)" value={stepDue} onChange={setStepDue} />
              <button type="submit" className="button">
                Promise the step
              </button>
            </form>}
          </li>
          <li>
            <strong>Follow-ups by phone and email</strong>
            <ul aria-label="Follow-ups">
              {kase.followUps.map((f) => (
                <li key={f.taskId}>
                  <span className="badge">{f.kind}</span> due {yourTime(f.dueAt)}
                  {f.doneAt ? ` · done ${yourTime(f.doneAt)}` : ''}
                </li>
              ))}
            </ul>
            {kase.closedAt === null && <form
              className="complaint-form"
              onSubmit={(e) => {
                e.preventDefault();
                void addFollowUp(kase.id);
              }}
            >
              <label className="field inline">
                <span>By</span>
                <select value={followKind} onChange={(e) => setFollowKind(e.target.value === 'email' ? 'email' : 'call')}>
                  <option value="call">phone</option>
                  <option value="email">email</option>
                </select>
              </label>
              <DueField label="Follow-up due (your time)" value={followDue} onChange={setFollowDue} />
              <button type="submit" className="button">
                Add the follow-up
              </button>
            </form>}
          </li>
          <li>
            <strong>Close the loop</strong>{' '}
            {kase.closeLoop ? `call due ${yourTime(kase.closeLoop.dueAt)}${kase.closeLoop.doneAt ? `, made ${yourTime(kase.closeLoop.doneAt)}` : ''}` : 'due when every step is kept'}
          </li>
          {kase.closedAt && (
            <li>
              <strong>Closed</strong> {yourTime(kase.closedAt)}
            </li>
          )}
        </ol>
      )}
      <div className="actions">
        {kase?.closedAt && (
          <button type="button" className="button" onClick={() => setKase(null)}>
            Open a new case
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Close <Kbd command="complaint.close" />
        </button>
      </div>
    </Dialog>
  );
}
