import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { DEFAULT_DAY_HOURS } from '../../../../shared/domain/callingHours';
import { ApiError } from '../../api/client';
import { useSettingsUpdate } from '../../api/mutations';
import { CountryOptions, countryName } from '../../components/countries';

type QueueSettings = Settings['queue'];
type Weekly = QueueSettings['callingHours']['residential'];
type Day = keyof Weekly;
type Line = 'residential' | 'business';

const DAYS: { day: Day; label: string }[] = [
  { day: 1, label: 'Monday' },
  { day: 2, label: 'Tuesday' },
  { day: 3, label: 'Wednesday' },
  { day: 4, label: 'Thursday' },
  { day: 5, label: 'Friday' },
  { day: 6, label: 'Saturday' },
  { day: 7, label: 'Sunday' },
];

const NUMBERS: { key: keyof QueueSettings; label: string; unit: string }[] = [
  { key: 'noAnswerRetryMinutes', label: 'No answer: call again after', unit: 'min' },
  { key: 'maxAttemptsPerDay', label: 'At most, per lead per day', unit: 'attempts' },
  { key: 'minimumGapMinutes', label: 'Never two attempts closer than', unit: 'min' },
  { key: 'voicemailRestBusinessDays', label: 'After a voicemail, no new voicemail for', unit: 'business days' },
  { key: 'conversationFollowUpBusinessDays', label: 'Conversation without a next step: follow up after', unit: 'business days' },
  { key: 'redialIntervalSeconds', label: 'Engaged: redial every', unit: 's' },
  { key: 'redialLimitMinutes', label: 'Stop the redial loop after', unit: 'min' },
  { key: 'skipMinutes', label: 'Skip hides a lead for', unit: 'min' },
  { key: 'redialRingSeconds', label: 'Redial unconfirmed: ask "connected or engaged?" after', unit: 's' },
];

/** The queue's rules, editable: calling hours per weekday (and per country), retries, the redial
 *  loop, voicemail windows and the not-interested reasons. The core validates everything again. */
export function QueueRulesForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const [rules, setRules] = useState<QueueSettings>(settings.queue);
  const [reasons, setReasons] = useState(settings.notInterestedReasons.join('\n'));
  const [country, setCountry] = useState<string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const override = country ? rules.callingHours.byCountry[country] : undefined;
  const weeklyFor = (line: Line): Weekly => override?.[line] ?? rules.callingHours[line];
  const editable = country === '' || override !== undefined;

  function setDay(line: Line, day: Day, window: Weekly[Day]) {
    setSaved(false);
    setRules((r) => {
      if (country === '') return { ...r, callingHours: { ...r.callingHours, [line]: { ...r.callingHours[line], [day]: window } } };
      const current = r.callingHours.byCountry[country] ?? {};
      const weekly = current[line] ?? r.callingHours[line];
      return { ...r, callingHours: { ...r.callingHours, byCountry: { ...r.callingHours.byCountry, [country]: { ...current, [line]: { ...weekly, [day]: window } } } } };
    });
  }

  function addOverride() {
    setRules((r) => ({ ...r, callingHours: { ...r.callingHours, byCountry: { ...r.callingHours.byCountry, [country]: { residential: r.callingHours.residential, business: r.callingHours.business } } } }));
  }

  function removeOverride() {
    setRules((r) => {
      const byCountry = { ...r.callingHours.byCountry };
      delete byCountry[country];
      return { ...r, callingHours: { ...r.callingHours, byCountry } };
    });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const reasonList = reasons.split('\n').map((r) => r.trim()).filter(Boolean);
    try {
      await update.mutateAsync({ queue: rules, notInterestedReasons: reasonList });
      setErrors({});
      setSaved(true);
    } catch (e) {
      setErrors(e instanceof ApiError ? { ...e.fields, form: e.message } : { form: String(e) });
    }
  }

  const hoursTable = (line: Line) => (
    <table className="hours-table">
      <caption>{line === 'residential' ? 'Residential lines' : 'Business lines'}</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Calls</th>
          <th scope="col">From</th>
          <th scope="col">Until</th>
        </tr>
      </thead>
      <tbody>
        {DAYS.map(({ day, label }) => {
          const window = weeklyFor(line)[day];
          const path = country ? `queue.callingHours.byCountry.${country}.${line}.${day}` : `queue.callingHours.${line}.${day}`;
          const error = errors[`${path}.end`] ?? errors[`${path}.start`];
          return (
            <tr key={day}>
              <th scope="row">{label}</th>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${label}: calls allowed (${line})`}
                  checked={window !== null}
                  disabled={!editable}
                  onChange={(e) => setDay(line, day, e.target.checked ? { ...DEFAULT_DAY_HOURS[line] } : null)}
                />
              </td>
              <td>
                <input type="time" aria-label={`${label} from (${line})`} value={window?.start ?? ''} disabled={!editable || window === null} onChange={(e) => window && setDay(line, day, { ...window, start: e.target.value })} />
              </td>
              <td>
                <input type="time" aria-label={`${label} until (${line})`} value={window?.end ?? ''} disabled={!editable || window === null} onChange={(e) => window && setDay(line, day, { ...window, end: e.target.value })} aria-invalid={error ? true : undefined} />
                {error && (
                  <span className="field-error" role="alert">
                    {error}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  return (
    <form className="panel queue-rules" onSubmit={(e) => void save(e)} aria-labelledby="rules-title" noValidate>
      <h2 id="rules-title">Queue rules</h2>
      <fieldset className="rules-section">
        <legend>Calling hours, in the lead’s own time</legend>
        <label className="field inline">
          <span>Hours for</span>
          <select value={country} onChange={(e) => setCountry(e.target.value)}>
            <option value="">Every country (default)</option>
            <CountryOptions suffix={(code) => (rules.callingHours.byCountry[code] ? ' · own hours' : '')} />
          </select>
        </label>
        {country && !override && (
          <p className="hint">
            Leads in {countryName(country)} use the default hours.{' '}
            <button type="button" className="button" onClick={addOverride}>
              Set hours for {country}
            </button>
          </p>
        )}
        {country && override && (
          <p className="hint">
            Leads in {countryName(country)} use these hours.{' '}
            <button type="button" className="button" onClick={removeOverride}>
              Use the defaults for {country}
            </button>
          </p>
        )}
        <div className="two-col">
          {hoursTable('residential')}
          {hoursTable('business')}
        </div>
      </fieldset>

      <fieldset className="rules-section">
        <legend>Retries and the redial loop</legend>
        <div className="rules-numbers">
          {NUMBERS.map(({ key, label, unit }) => (
            <label key={key} className="field">
              <span>{label}</span>
              <span className="with-unit">
                <input
                  type="number"
                  min={0}
                  value={rules[key] as number}
                  onChange={(e) => {
                    setSaved(false);
                    setRules({ ...rules, [key]: e.target.value === '' ? 0 : Number(e.target.value) });
                  }}
                  aria-invalid={errors[`queue.${key}`] ? true : undefined}
                />{' '}
                {unit}
              </span>
              {errors[`queue.${key}`] && (
                <span className="field-error" role="alert">
                  {errors[`queue.${key}`]}
                </span>
              )}
            </label>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={rules.autoRedial} onChange={(e) => setRules({ ...rules, autoRedial: e.target.checked })} /> Redial by itself while the loop runs (off: press Enter for each attempt)
        </label>
      </fieldset>

      <fieldset className="rules-section">
        <legend>Best times to leave a voicemail (their time)</legend>
        {rules.voicemail.windows.map((w, i) => (
          <div key={i} className="vm-window">
            <input type="time" aria-label={`Voicemail window ${i + 1} from`} value={w.start} onChange={(e) => setRules({ ...rules, voicemail: { ...rules.voicemail, windows: rules.voicemail.windows.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)) } })} />
            –
            <input type="time" aria-label={`Voicemail window ${i + 1} until`} value={w.end} onChange={(e) => setRules({ ...rules, voicemail: { ...rules.voicemail, windows: rules.voicemail.windows.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)) } })} />
            {errors[`queue.voicemail.windows.${i}.end`] && (
              <span className="field-error" role="alert">
                {errors[`queue.voicemail.windows.${i}.end`]}
              </span>
            )}
          </div>
        ))}
        {(
          [
            ['skipMondayMorning', 'Not on Monday mornings'],
            ['skipFridayAfternoon', 'Not on Friday afternoons'],
            ['weekdaysOnly', 'Weekdays only'],
          ] as const
        ).map(([key, label]) => (
          <label key={key} className="check">
            <input type="checkbox" checked={rules.voicemail[key]} onChange={(e) => setRules({ ...rules, voicemail: { ...rules.voicemail, [key]: e.target.checked } })} /> {label}
          </label>
        ))}
      </fieldset>

      <label className="field">
        <span>Reasons a rep picks for “not interested” (one per line)</span>
        <textarea rows={6} value={reasons} onChange={(e) => setReasons(e.target.value)} aria-invalid={errors.notInterestedReasons ? true : undefined} />
        {errors.notInterestedReasons && (
          <span className="field-error" role="alert">
            {errors.notInterestedReasons}
          </span>
        )}
      </label>
      {errors.form && (
        <p className="form-error" role="alert">
          Not saved: {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary">
          Save the queue rules
        </button>
        <button type="button" className="button" onClick={() => (setRules(settings.queue), setReasons(settings.notInterestedReasons.join('\n')), setErrors({}))}>
          Undo changes
        </button>
        {saved && (
          <span className="form-ok" role="status">
            Saved. The queue uses the new rules now.
          </span>
        )}
      </div>
    </form>
  );
}
