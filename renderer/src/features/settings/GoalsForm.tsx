import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { useSettingsUpdate } from '../../api/mutations';
import { useUnsavedChanges } from '../../components/unsaved';
import { SaveRow, useSaveStatus } from '../../components/SaveRow';
import { TextField } from '../../components/TextField';
import { settingLabel, typedNumber } from '../../../../shared/domain/settingsFields';

const GOALS = ['conversations', 'advances', 'conversions'] as const;
type GoalKey = (typeof GOALS)[number];

/** The session strip's daily goals (#15): what counts, not dials. 0: no goal. */
export function GoalsForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const [values, setValues] = useState<Record<GoalKey, string>>({
    conversations: String(settings.dailyGoals.conversations),
    advances: String(settings.dailyGoals.advances),
    conversions: String(settings.dailyGoals.conversions),
  });
  const status = useSaveStatus();
  useUnsavedChanges('Daily goals', status.dirty);

  async function save(event: FormEvent) {
    event.preventDefault();
    // What is no whole number (an empty box too: not 0) the core refuses, in words, beside it.
    await status.run(() => update.mutateAsync({ dailyGoals: { conversations: typedNumber(values.conversations), advances: typedNumber(values.advances), conversions: typedNumber(values.conversions) } }));
  }

  return (
    <form className="panel settings-form" onSubmit={(e) => void save(e)} aria-labelledby="goals-title" noValidate>
      <h2 id="goals-title">Daily goals</h2>
      <p className="hint">The session strip shows today against these. Dials are counted, but they are not a goal.</p>
      {GOALS.map((key) => (
        <TextField
          key={key}
          name={`dailyGoals.${key}`}
          label={settingLabel(`dailyGoals.${key}`)}
          inputMode="numeric"
          value={values[key]}
          error={status.error?.fields[`dailyGoals.${key}`]}
          onValue={(v) => (setValues({ ...values, [key]: v }), status.edited())}
        />
      ))}
      <SaveRow status={status} label="Save goals" />
    </form>
  );
}
