import { useState } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { copyText } from '../../api/clipboard';
import { useCoreMutation, useSettingsUpdate } from '../../api/mutations';
import { Kbd, useCommands } from '../../keys/keymap';
import { settingLabel } from '../../../../shared/domain/settingsFields';

type Desk = Settings['desk'];

const SWITCHES: { key: keyof Desk; label: string; hint: string }[] = [
  { key: 'alwaysOnTop', hint: 'the window stays above the softphone' },
  { key: 'compact', hint: 'a narrow strip: the lead, their time, Dial and the disposition keys' },
  { key: 'startAtLogin', hint: 'Windows and macOS' },
].map((s) => ({ ...s, key: s.key as keyof Desk, label: settingLabel(`desk.${s.key}`) }));

/** The window beside the softphone: each switch applies as soon as it is changed. */
export function DeskForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  return (
    <form className="panel settings-form" aria-labelledby="desk-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="desk-title">The window</h2>
      {SWITCHES.map(({ key, label, hint }) => (
        <label key={key} className="check">
          <input type="checkbox" name={`desk.${key}`} checked={settings.desk[key]} onChange={(e) => update.mutate({ desk: { ...settings.desk, [key]: e.target.checked } })} /> {label} <span className="hint">({hint})</span>
        </label>
      ))}
      {update.error && (
        <p className="form-error" role="alert">
          Not saved: {update.error.message}
        </p>
      )}
    </form>
  );
}

/** "Copy diagnostics": versions, schema, counts and the last errors (no lead data), on the
 *  clipboard, and shown here as copied. */
export function DiagnosticsPanel() {
  const summary = useCoreMutation('diagnostics.summary');
  const [copied, setCopied] = useState<{ text: string; error: string | null } | null>(null);

  async function copy() {
    try {
      const { text } = await summary.mutateAsync({});
      try {
        await copyText(text);
        setCopied({ text, error: null });
      } catch (e) {
        setCopied({ text, error: e instanceof Error ? e.message : String(e) });
      }
    } catch (e) {
      setCopied({ text: '', error: e instanceof Error ? e.message : String(e) });
    }
  }

  useCommands('screen', [{ id: 'settings.copyDiagnostics', keys: ['y'], label: 'Copy diagnostics to the clipboard', group: 'Settings', enabled: !summary.isPending, run: () => void copy() }]);

  return (
    <section className="panel settings-form" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Diagnostics</h2>
      <p className="hint">Versions, the database’s schema and counts, the backups, the phone preset and the last errors — no lead data. Nothing leaves this computer unless you paste it somewhere.</p>
      <div className="actions">
        <button type="button" className="button" disabled={summary.isPending} onClick={() => void copy()}>
          Copy diagnostics <Kbd command="settings.copyDiagnostics" />
        </button>
        {copied && !copied.error && (
          <span className="form-ok" role="status">
            Copied to the clipboard:
          </span>
        )}
      </div>
      {copied?.error && (
        <p className="form-error" role="alert">
          {copied.error}
        </p>
      )}
      {copied && copied.text && (
        <textarea className="diagnostics-text" aria-label="Diagnostics copied" readOnly rows={10} value={copied.text} />
      )}
    </section>
  );
}
