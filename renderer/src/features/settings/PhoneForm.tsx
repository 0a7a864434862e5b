import { useState, type FormEvent } from 'react';
import { PHONE_PRESET_LIST, type PhonePresetId } from '../../../../shared/domain/dialPresets';
import type { Settings } from '../../../../shared/ipc/contract';
import { ApiError } from '../../api/client';
import { useCoreMutation, useSettingsUpdate } from '../../api/mutations';
import { Kbd, useCommands } from '../../keys/keymap';
import { useUnsavedChanges } from '../../components/unsaved';
import { settingLabel } from '../../../../shared/domain/settingsFields';


/** "Your phone": the preset whose link shape the desk's softphone takes, the PBX host for sip:,
 *  a template for custom (the core checks it against the allowlist before saving), and a test
 *  dial of the rep's own number with the setting as saved. */
export function PhoneForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const testDial = useCoreMutation('phone.testDial');
  const [preset, setPreset] = useState<PhonePresetId>(settings.phone.preset);
  const [sipHost, setSipHost] = useState(settings.phone.sipHost);
  const [template, setTemplate] = useState(settings.phone.template);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [tested, setTested] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      await update.mutateAsync({ phone: { preset, sipHost, template } });
      setErrors({});
      setSaved(true);
    } catch (e) {
      setSaved(false);
      setErrors(e instanceof ApiError ? { ...e.fields, form: e.message } : { form: String(e) });
    }
  }

  async function test() {
    setTested(null);
    try {
      const dialled = await testDial.mutateAsync({});
      setTested({ kind: 'ok', text: `Test dial: ${dialled.uri} handed to the phone (your number ${dialled.number}).` });
    } catch (e) {
      setTested({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }

  // The test dial uses the setting as saved: not while the form holds changes.
  const changed = preset !== settings.phone.preset || sipHost !== settings.phone.sipHost || template !== settings.phone.template;
  useUnsavedChanges('Your phone', changed);
  useCommands('screen', [{ id: 'settings.testDial', keys: ['t'], label: 'Test dial: call your own number with the saved phone setting', group: 'Settings', enabled: !testDial.isPending && !changed, run: () => void test() }]);

  const fieldError = (name: 'sipHost' | 'template') => errors[`phone.${name}`];
  return (
    <form className="panel settings-form phone-form" onSubmit={(e) => void save(e)} aria-labelledby="phone-title" noValidate>
      <h2 id="phone-title">Your phone</h2>
      <p className="hint">How a number becomes a link for your softphone. Each preset allows exactly its own link shape and nothing else.</p>
      <fieldset className="radio-group preset-list">
        <legend>{settingLabel('phone.preset')}</legend>
        {PHONE_PRESET_LIST.map((item) => (
          <label key={item.id} className="preset-option">
            <input
              type="radio"
              name="phone.preset"
              value={item.id}
              checked={preset === item.id}
              onChange={() => {
                setPreset(item.id);
                setSaved(false);
              }}
            />
            <span>
              <span className="preset-label">{item.label}</span> <code className="preset-example">{item.example}</code>
              <span className="hint preset-note">{item.note}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {preset === 'sip' && (
        <label className="field">
          <span>{settingLabel('phone.sipHost')}</span>
          <input name="phone.sipHost" value={sipHost} placeholder="pbx.example.com" onChange={(e) => (setSipHost(e.target.value), setSaved(false))} aria-invalid={fieldError('sipHost') ? true : undefined} />
          {fieldError('sipHost') && (
            <span className="field-error" role="alert">
              {fieldError('sipHost')}
            </span>
          )}
        </label>
      )}
      {preset === 'custom' && (
        <label className="field">
          <span>{settingLabel('phone.template')}</span>
          <input name="phone.template" value={template} placeholder="sip:{e164}@pbx.example.com:5061" onChange={(e) => (setTemplate(e.target.value), setSaved(false))} aria-invalid={fieldError('template') ? true : undefined} />
          {fieldError('template') && (
            <span className="field-error" role="alert">
              {fieldError('template')}
            </span>
          )}
        </label>
      )}
      {errors.form && !fieldError('sipHost') && !fieldError('template') && (
        <p className="form-error" role="alert">
          Not saved: {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary">
          Save phone
        </button>
        <button type="button" className="button" onClick={() => void test()} disabled={testDial.isPending || changed} title={changed ? 'Save first: the test dial uses the saved setting' : undefined}>
          Test dial <Kbd command="settings.testDial" />
        </button>
        {saved && (
          <span className="form-ok" role="status">
            Saved. The next dial uses it.
          </span>
        )}
      </div>
      {tested && (
        <p className={tested.kind === 'ok' ? 'form-ok' : 'form-error'} role={tested.kind === 'ok' ? 'status' : 'alert'}>
          {tested.text}
        </p>
      )}
    </form>
  );
}
