import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { CallingRuleView } from '../../../../shared/ipc/contract';
import { ApiError } from '../../api/client';
import { useLawSet } from '../../api/mutations';
import { queries } from '../../api/queries';
import { Dialog } from '../../components/Dialog';
import { yourTime } from '../../../../shared/domain/timeFormat';
import { Kbd } from '../../keys/keymap';

/** Every calling rule Dialdeck knows, with its source: the desk may be stricter (an unverified rule
 *  on), and looser only with a reason (a verified rule off), which is logged and shown on every
 *  call it allows. */
export function CallingRulesForm() {
  const rules = useQuery(queries.lawRules());
  const set = useLawSet();
  const [asking, setAsking] = useState<CallingRuleView | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const names = new Map((rules.data?.rules ?? []).map((rule) => [rule.id, rule.name]));

  async function toggle(rule: CallingRuleView) {
    // Switching a verified rule off loosens the law: it asks why first.
    if (rule.on && rule.verified) return setAsking(rule);
    try {
      await set.mutateAsync({ rule: rule.id, on: !rule.on });
      setStatus({ kind: 'ok', text: `${rule.name}: ${rule.on ? 'off' : 'on'}.` });
    } catch (e) {
      setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <section className="panel calling-rules" aria-labelledby="calling-rules-title">
      <h2 id="calling-rules-title">Calling rules</h2>
      <p className="hint">
        The law where the lead is, by country and state. Each rule says where it comes from. An unverified rule (not confirmed from a primary source) is off until you turn it on; turning a verified rule off needs a reason, which is
        recorded and shown on every call it allows.
      </p>
      {rules.error && (
        <p className="form-error" role="alert">
          Could not read the rules: {rules.error.message}
        </p>
      )}
      {rules.data && (
        <div className="table-scroll">
          <table className="rules-table">
            <thead>
              <tr>
                <th scope="col">On</th>
                <th scope="col">Rule</th>
                <th scope="col">Source</th>
                <th scope="col">In force since</th>
                <th scope="col">Leads</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {rules.data.rules.map((rule) => (
                <tr key={rule.id} data-rule={rule.id} className={rule.on ? 'rule-on' : 'rule-off'}>
                  <td>
                    <input type="checkbox" aria-label={`${rule.name}: ${rule.on ? 'on' : 'off'}`} checked={rule.on} disabled={set.isPending} onChange={() => void toggle(rule)} />
                  </td>
                  <th scope="row">
                    <span className="rule-name">{rule.name}</span>{' '}
                    <span className={`badge ${rule.verified ? 'badge-ok' : 'badge-warn'}`}>{rule.verified ? 'verified' : 'unverified'}</span>
                    <div className="rule-summary">{rule.summary}</div>
                    {rule.note && <div className="hint">{rule.note}</div>}
                  </th>
                  <td className="rule-source">
                    <div className="rule-citation">
                      {rule.law} · {rule.citation}
                    </div>
                    <div className="hint rule-source-text" title={rule.source}>
                      {rule.source}
                    </div>
                  </td>
                  <td>{rule.effective ?? <span className="hint">not known</span>}</td>
                  <td className="numeric">{rule.leads.toLocaleString()}</td>
                  <td>
                    {rule.changedAt ? (
                      <>
                        {yourTime(rule.changedAt)}
                        {rule.reason && <div className="hint">“{rule.reason}”</div>}
                      </>
                    ) : (
                      <span className="hint">{rule.on === rule.defaultOn ? 'as shipped' : ''}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {status && (
        <p className={status.kind === 'ok' ? 'form-ok' : 'form-error'} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
      {rules.data && (
        <>
          <h3>Changes</h3>
          {rules.data.changes.length === 0 ? (
            <p className="hint">No rule has been changed: every rule is as shipped.</p>
          ) : (
            <ol className="rule-changes" aria-label="Calling rule changes">
              {[...rules.data.changes].reverse().map((change) => (
                <li key={change.id}>
                  {yourTime(change.at)} · <strong>{names.get(change.rule) ?? change.rule}</strong> turned {change.on ? 'on' : 'off'}
                  {change.reason && <> — “{change.reason}”</>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {asking && (
        <TurnOffDialog
          rule={asking}
          onClose={() => setAsking(null)}
          onDone={() => {
            setStatus({ kind: 'ok', text: `${asking.name}: off. Calls it would have stopped now say so in the call log.` });
            setAsking(null);
          }}
        />
      )}
    </section>
  );
}

/** Why a verified rule does not apply to this desk's calls: the core refuses without a reason. */
function TurnOffDialog({ rule, onClose, onDone }: { rule: CallingRuleView; onClose: () => void; onDone: () => void }) {
  const set = useLawSet();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    try {
      await set.mutateAsync({ rule: rule.id, on: false, reason });
      onDone();
    } catch (e) {
      setErrors(e instanceof ApiError ? { ...e.fields, form: e.message } : { form: String(e) });
    }
  }

  return (
    <Dialog
      name="rule-off"
      label={`Turn off ${rule.name}`}
      onClose={onClose}
      closeLabel="Keep the rule on"
      commands={[{ id: 'rule-off.confirm', keys: ['Ctrl+Enter'], label: 'Turn the rule off, with this reason', where: 'anywhere', run: () => void submit() }]}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2>Turn off {rule.name}?</h2>
        <p>
          {rule.summary} ({rule.citation}). With it off, calls it would stop are allowed; each such call records that this rule was waived and why.
        </p>
        <label className="field">
          <span>Why this rule does not apply to your calls (required)</span>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? 'rule-off-reason-error' : undefined} />
          {errors.reason && (
            <span className="field-error" id="rule-off-reason-error" role="alert">
              {errors.reason}
            </span>
          )}
        </label>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button danger" disabled={set.isPending}>
            Turn off <Kbd command="rule-off.confirm" />
          </button>
          <button type="button" className="button" onClick={onClose}>
            Keep it on <Kbd command="rule-off.close" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}
