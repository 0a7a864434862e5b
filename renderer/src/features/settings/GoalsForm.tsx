import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { useSettingsUpdate } from '../../api/mutations';
import { SaveRow, useSaveStatus } from '../../components/SaveRow';
import { TextField } from '../../components/TextField';

const GOALS = [
  ['conversations', 'Conversations a day'],
  ['advances', 'Advances a day'],
  ['conversions', 'Conversions a day'],
] as const;
type GoalKey = (typeof GOALS)[number][0];

/** The session strip's daily goals (#15): what counts, not dials. 0: no goal. */
export function GoalsForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const [values, setValues] = useState<Record<GoalKey, string>>({
    conversations: String(settings.dailyGoals.conversations),
    advances: String(settings.dailyGoals.advances),
    conversions: String(settings.dailyGoals.conversions),
  });
  const status = useSaveStatus();

  async function save(event: FormEvent) {
    event.preventDefault();
    const numbers = new Map(GOALS.map(([key]) => [key, Number(values[key])]));
    const wrong = GOALS.find(([key]) => values[key].trim() === '' || !Number.isInteger(numbers.get(key)));
    if (wrong) return status.refuse(`${wrong[1]} must be a whole number (0 for no goal).`);
    await status.run(() => update.mutateAsync({ dailyGoals: { conversations: numbers.get('conversations')!, advances: numbers.get('advances')!, conversions: numbers.get('conversions')! } }));
  }

  return (
    <form className="panel settings-form" onSubmit={(e) => void save(e)} aria-labelledby="goals-title" noValidate>
      <h2 id="goals-title">Daily goals</h2>
      <p className="hint">The session strip shows today against these. Dials are counted, but they are not a goal.</p>
      {GOALS.map(([key, label]) => (
        <TextField key={key} name={`goal-${key}`} label={label} inputMode="numeric" value={values[key]} onValue={(v) => (setValues({ ...values, [key]: v }), status.edited())} />
      ))}
      <SaveRow status={status} label="Save goals" />
    </form>
  );
}
