import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { ApiError } from '../../api/client';
import { settingLabel } from '../../../../shared/domain/settingsFields';
import { useSettingsConfirm, useSettingsUpdate } from '../../api/mutations';
import { CountryOptions } from '../../components/countries';
import { useUnsavedChanges } from '../../components/unsaved';


const zones = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

/** The defaults every import and typed number relies on; asked on first run, editable later. */
export function SettingsForm({ settings, firstRun }: { settings: Settings; firstRun: boolean }) {
  const [country, setCountry] = useState(settings.defaultCountry);
  const [zone, setZone] = useState(settings.defaultTimeZone);
  const [repName, setRepName] = useState(settings.repName);
  const [repPhone, setRepPhone] = useState(settings.repPhone);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const update = useSettingsUpdate();
  const confirm = useSettingsConfirm();
  // First run has nowhere else to go: only the later form can be left with changes.
  useUnsavedChanges('You and your leads', !firstRun && (country !== settings.defaultCountry || zone !== settings.defaultTimeZone || repName !== settings.repName || repPhone !== settings.repPhone));

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      // The first-run form: these answers, then the questions confirmed (their own action).
      await update.mutateAsync({ defaultCountry: country, defaultTimeZone: zone, repName, repPhone });
      if (firstRun) await confirm.mutateAsync({});
      setErrors({});
      setSaved(true);
    } catch (e) {
      setSaved(false);
      setErrors(e instanceof ApiError ? { ...e.fields, form: e.message } : { form: String(e) });
    }
  }

  return (
    <form className="panel settings-form" onSubmit={(e) => void save(e)} aria-labelledby="settings-title" noValidate>
      <h2 id="settings-title">{firstRun ? 'Before you start' : 'You and your leads'}</h2>
      {firstRun && <p>Numbers typed or imported without a +country code are read as numbers of this country, and leads whose time zone nothing tells are put in this zone. Both were guessed from this computer; check them.</p>}
      <label className="field">
        <span>{settingLabel('defaultCountry')}</span>
        <select name="defaultCountry" value={country} onChange={(e) => setCountry(e.target.value)} autoFocus={firstRun}>
          <CountryOptions />
        </select>
        {errors.defaultCountry && <span className="field-error" role="alert">{errors.defaultCountry}</span>}
      </label>
      <label className="field">
        <span>{settingLabel('defaultTimeZone')}</span>
        <input name="defaultTimeZone" list="zone-list" value={zone} onChange={(e) => setZone(e.target.value)} aria-invalid={errors.defaultTimeZone ? true : undefined} />
        <datalist id="zone-list">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {errors.defaultTimeZone && <span className="field-error" role="alert">{errors.defaultTimeZone}</span>}
      </label>
      <label className="field">
        <span>{settingLabel('repName')}</span>
        <input name="repName" value={repName} onChange={(e) => setRepName(e.target.value)} aria-invalid={errors.repName ? true : undefined} />
        {errors.repName && <span className="field-error" role="alert">{errors.repName}</span>}
      </label>
      <label className="field">
        <span>{settingLabel('repPhone')}</span>
        <input name="repPhone" value={repPhone} onChange={(e) => setRepPhone(e.target.value)} aria-invalid={errors.repPhone ? true : undefined} />
        {errors.repPhone && <span className="field-error" role="alert">{errors.repPhone}</span>}
      </label>
      {errors.form && !errors.defaultCountry && !errors.defaultTimeZone && !errors.repName && !errors.repPhone && <p className="form-error" role="alert">Not saved: {errors.form}</p>}
      <button type="submit" className="button primary">
        {firstRun ? 'Start calling' : 'Save'}
      </button>
      {saved && !firstRun && <p className="form-ok" role="status">Saved.</p>}
    </form>
  );
}
