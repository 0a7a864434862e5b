import type { Theme } from '../../../../shared/domain/settings';
import type { Settings } from '../../../../shared/ipc/contract';
import { useSettingsUpdate } from '../../api/mutations';
import { settingLabel } from '../../../../shared/domain/settingsFields';

// The choices of shared/domain/settings.ts's THEMES, each with its label. Not imported as a value:
// that module builds zod schemas at load, and zod's probe for eval would trip the page's CSP. The
// Record keeps them in step: a theme added there and not here fails the type check.
const LABELS: Record<Theme, string> = { system: 'As the computer is set (light or dark)', light: 'Light', dark: 'Dark' };
const THEMES = Object.keys(LABELS) as Theme[];

/** Light or dark, or follow the operating system; applied as soon as it is picked. */
export function AppearanceForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  return (
    <form className="panel settings-form" aria-labelledby="appearance-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="appearance-title">Appearance</h2>
      <fieldset className="radio-group">
        <legend>{settingLabel('theme')}</legend>
        {THEMES.map((theme) => (
          <label key={theme}>
            <input type="radio" name="theme" checked={settings.theme === theme} onChange={() => update.mutate({ theme })} /> {LABELS[theme]}
          </label>
        ))}
      </fieldset>
      {update.error && (
        <p className="form-error" role="alert">
          Not saved: {update.error.message}
        </p>
      )}
    </form>
  );
}
