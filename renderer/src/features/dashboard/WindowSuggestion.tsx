import { useQuery, useQueryClient } from '@tanstack/react-query';
import { queries, useSettings } from '../../api/queries';
import { useSettingsUpdate } from '../../api/mutations';
import { markStale } from '../../api/invalidation';
import { Kbd, useCommands } from '../../keys/keymap';
import { wallRange } from '../../../../shared/domain/timeFormat';

/** A voicemail window learnt from the rep's own results, in plain words with the numbers;
 *  Y adopts it (the voicemail windows in Settings, and so the queue's voicemail tier). */
export function WindowSuggestion({ ready }: { ready: boolean }) {
  // Asked for after the dashboard's first numbers are in (see DashboardScreen).
  const { data } = useQuery({ ...queries.windowSuggestion(), enabled: ready });
  const settings = useSettings().data;
  const update = useSettingsUpdate();
  const client = useQueryClient();
  const suggestion = data?.suggestion ?? null;
  const adopt = () => {
    if (!suggestion || !settings) return false;
    update.mutate(
      { queue: { ...settings.queue, voicemail: { ...settings.queue.voicemail, windows: suggestion.windows } } },
      { onSuccess: () => markStale(client, [{ channel: 'stats.windowSuggestion' }, { channel: 'queue.list' }, { channel: 'queue.notNow' }]) },
    );
  };
  useCommands('screen', [{ id: 'dashboard.adoptWindow', keys: ['y'], label: 'Adopt the suggested voicemail window', group: 'Numbers', enabled: suggestion !== null, run: adopt }]);
  if (update.isSuccess && !suggestion) {
    return (
      <p className="panel form-ok" role="status">
        Voicemail windows changed: {settings?.queue.voicemail.windows.map((w) => wallRange(w.start, w.end)).join(', ')} their time.
      </p>
    );
  }
  if (!suggestion) return null;
  return (
    <section className="panel window-suggestion" aria-label="Suggested voicemail window">
      <p>{suggestion.text}</p>
      <p className="hint">New windows: {suggestion.windows.map((w) => wallRange(w.start, w.end)).join(', ')} their time, on weekdays.</p>
      <button type="button" className="button primary" onClick={adopt}>
        Adopt <Kbd command="dashboard.adoptWindow" />
      </button>
      {update.error && (
        <p className="form-error" role="alert">
          Not changed: {update.error.message}
        </p>
      )}
    </section>
  );
}
