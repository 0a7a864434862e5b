import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { DEFAULT_DAY_HOURS } from '../../../../shared/domain/callingHours';
import { hoursLabel, QUEUE_NUMBER_FIELDS, type QueueNumberKey, settingLabel, typedNumber, typedNumbers, voicemailWindowLabel, WEEKDAY_NAMES } from '../../../../shared/domain/settingsFields';
import { useSettingsUpdate } from '../../api/mutations';
import { useUnsavedChanges } from '../../components/unsaved';
import { useSaveStatus } from '../../components/SaveRow';
import { CountryOptions, countryName } from '../../components/countries';

type QueueSettings = Settings['queue'];
type Weekly = QueueSettings['callingHours']['residential'];
type Day = keyof Weekly;
type Line = 'residential' | 'business';

const DAYS: { day: Day; label: string }[] = WEEKDAY_NAMES.map((label, i) => ({ day: (i + 1) as Day, label }));

/** The boxes that hold numbers, as the rep typed them: nothing typed is replaced until it is saved
 *  (a number box would turn "1e" or "-" into 0 under the rep's fingers). */
interface Typed {
  numbers: Map<string, string>;
  inboundOffsets: string;
  undoDoNotCall: string;
  notInterested: string;
  stalled: string;
}

function typedFrom(settings: Settings): Typed {
  return {
    numbers: new Map(QUEUE_NUMBER_FIELDS.map((f) => [f.key, String(settings.queue[f.key])])),
    inboundOffsets: settings.queue.inboundOffsetsMinutes.join(', '),
    undoDoNotCall: String(settings.undoDoNotCallMinutes),
    notInterested: settings.notInterestedReasons.join('\n'),
    stalled: settings.stalledReasons.join('\n'),
  };
}

const lines = (text: string) => text.split('\n').map((r) => r.trim()).filter(Boolean);

/** The queue's rules, editable: calling hours per weekday (and per country), retries, the redial
 *  loop, voicemail windows and the not-interested reasons. The core validates everything again. */
export function QueueRulesForm({ settings }: { settings: Settings }) {
  const update = useSettingsUpdate();
  const [rules, setRules] = useState<QueueSettings>(settings.queue);
  const [typed, setTyped] = useState<Typed>(() => typedFrom(settings));
  const [country, setCountry] = useState<string>('');
  const status = useSaveStatus();
  useUnsavedChanges('Queue rules', status.dirty);
  /** The refusal beside a field (by its name: the setting's path), in the rep's words. */
  const errorOf = (name: string): string | undefined => status.error?.fields[name];
  const edited = () => status.edited();
  const override = country ? rules.callingHours.byCountry[country] : undefined;
  const weeklyFor = (line: Line): Weekly => override?.[line] ?? rules.callingHours[line];
  const editable = country === '' || override !== undefined;

  function setDay(line: Line, day: Day, window: Weekly[Day]) {
    edited();
    setRules((r) => {
      if (country === '') return { ...r, callingHours: { ...r.callingHours, [line]: { ...r.callingHours[line], [day]: window } } };
      const current = r.callingHours.byCountry[country] ?? {};
      const weekly = current[line] ?? r.callingHours[line];
      return { ...r, callingHours: { ...r.callingHours, byCountry: { ...r.callingHours.byCountry, [country]: { ...current, [line]: { ...weekly, [day]: window } } } } };
    });
  }

  function addOverride() {
    edited();
    setRules((r) => ({ ...r, callingHours: { ...r.callingHours, byCountry: { ...r.callingHours.byCountry, [country]: { residential: r.callingHours.residential, business: r.callingHours.business } } } }));
  }

  function removeOverride() {
    edited();
    setRules((r) => {
      const byCountry = { ...r.callingHours.byCountry };
      delete byCountry[country];
      return { ...r, callingHours: { ...r.callingHours, byCountry } };
    });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    // What the rep typed, as numbers; what is no number goes as NaN, refused by the core in words.
    const numbers = Object.fromEntries(QUEUE_NUMBER_FIELDS.map((f) => [f.key, typedNumber(typed.numbers.get(f.key) ?? '')])) as Pick<QueueSettings, QueueNumberKey>;
    const queue: QueueSettings = { ...rules, ...numbers, inboundOffsetsMinutes: typedNumbers(typed.inboundOffsets) };
    await status.run(async () => {
      const saved = await update.mutateAsync({ queue, notInterestedReasons: lines(typed.notInterested), stalledReasons: lines(typed.stalled), undoDoNotCallMinutes: typedNumber(typed.undoDoNotCall) });
      // Saved: the boxes show what the core holds now (the same numbers, tidied).
      setRules(saved.queue);
      setTyped(typedFrom(saved));
    });
  }

  function undo() {
    setRules(settings.queue);
    setTyped(typedFrom(settings));
    status.reset();
  }

  const fieldError = (name: string) => {
    const error = errorOf(name);
    return (
      error && (
        <span className="field-error" id={`${name}-error`} role="alert">
          {error}
        </span>
      )
    );
  };
  const invalid = (name: string) => (errorOf(name) ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {});

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
        {DAYS.map(({ day, label: dayName }) => {
          const window = weeklyFor(line)[day];
          const path = country ? `queue.callingHours.byCountry.${country}.${line}.${day}` : `queue.callingHours.${line}.${day}`;
          const errors = [`${path}.start`, `${path}.end`, path].filter((name) => errorOf(name));
          return (
            <tr key={day}>
              <th scope="row">{dayName}</th>
              <td>
                <input
                  type="checkbox"
                  name={path}
                  aria-label={hoursLabel(day, 'allowed', line, country)}
                  checked={window !== null}
                  disabled={!editable}
                  onChange={(e) => setDay(line, day, e.target.checked ? { ...DEFAULT_DAY_HOURS[line] } : null)}
                />
              </td>
              <td>
                <input
                  type="time"
                  name={`${path}.start`}
                  aria-label={hoursLabel(day, 'start', line, country)}
                  value={window?.start ?? ''}
                  disabled={!editable || window === null}
                  onChange={(e) => window && setDay(line, day, { ...window, start: e.target.value })}
                  {...invalid(`${path}.start`)}
                />
              </td>
              <td>
                <input
                  type="time"
                  name={`${path}.end`}
                  aria-label={hoursLabel(day, 'end', line, country)}
                  value={window?.end ?? ''}
                  disabled={!editable || window === null}
                  onChange={(e) => window && setDay(line, day, { ...window, end: e.target.value })}
                  {...invalid(`${path}.end`)}
                />
                {errors.map((name) => (
                  <span key={name}>{fieldError(name)}</span>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  const numberField = (name: string, text: string, unit: string, onText: (text: string) => void) => (
    <label key={name} className="field">
      <span>{settingLabel(name)}</span>
      <span className="with-unit">
        <input name={name} inputMode="numeric" value={text} onChange={(e) => (onText(e.target.value), edited())} {...invalid(name)} /> {unit}
      </span>
      {fieldError(name)}
    </label>
  );

  const setWindow = (i: number, part: 'start' | 'end', value: string) => {
    edited();
    setRules({ ...rules, voicemail: { ...rules.voicemail, windows: rules.voicemail.windows.map((x, j) => (j === i ? { ...x, [part]: value } : x)) } });
  };

  return (
    <form className="panel queue-rules" onSubmit={(e) => void save(e)} aria-labelledby="rules-title" noValidate>
      <h2 id="rules-title">Queue rules</h2>
      <fieldset className="rules-section">
        <legend>Calling hours, in the lead’s own time</legend>
        <label className="field inline">
          <span>{settingLabel('queue.callingHours.byCountry')}</span>
          <select name="queue.callingHours.byCountry" value={country} onChange={(e) => setCountry(e.target.value)}>
            <option value="">Every country (default)</option>
            <CountryOptions suffix={(code) => (rules.callingHours.byCountry[code] ? ' · own hours' : '')} />
          </select>
          {fieldError('queue.callingHours.byCountry')}
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
          {QUEUE_NUMBER_FIELDS.map(({ key, unit }) =>
            numberField(`queue.${key}`, typed.numbers.get(key) ?? '', unit, (text) => setTyped((t) => ({ ...t, numbers: new Map(t.numbers).set(key, text) }))),
          )}
          <label className="field">
            <span>{settingLabel('queue.inboundOffsetsMinutes')}</span>
            <input name="queue.inboundOffsetsMinutes" value={typed.inboundOffsets} onChange={(e) => (setTyped((t) => ({ ...t, inboundOffsets: e.target.value })), edited())} {...invalid('queue.inboundOffsetsMinutes')} />
            <span className="hint">Minutes, separated by commas: 0, 10, 60, 180</span>
            {fieldError('queue.inboundOffsetsMinutes')}
          </label>
        </div>
        <label className="check">
          <input type="checkbox" name="queue.autoRedial" checked={rules.autoRedial} onChange={(e) => (setRules({ ...rules, autoRedial: e.target.checked }), edited())} /> {settingLabel('queue.autoRedial')} (off: press Enter for each attempt)
        </label>
      </fieldset>

      <fieldset className="rules-section">
        <legend>{settingLabel('queue.voicemail.windows')} (their time)</legend>
        {rules.voicemail.windows.map((w, i) => (
          <div key={i} className="vm-window">
            <input type="time" name={`queue.voicemail.windows.${i}.start`} aria-label={voicemailWindowLabel(i, 'start')} value={w.start} onChange={(e) => setWindow(i, 'start', e.target.value)} {...invalid(`queue.voicemail.windows.${i}.start`)} />
            –
            <input type="time" name={`queue.voicemail.windows.${i}.end`} aria-label={voicemailWindowLabel(i, 'end')} value={w.end} onChange={(e) => setWindow(i, 'end', e.target.value)} {...invalid(`queue.voicemail.windows.${i}.end`)} />
            {fieldError(`queue.voicemail.windows.${i}.start`)}
            {fieldError(`queue.voicemail.windows.${i}.end`)}
          </div>
        ))}
        {fieldError('queue.voicemail.windows')}
        {(['skipMondayMorning', 'skipFridayAfternoon', 'weekdaysOnly'] as const).map((key) => (
          <label key={key} className="check">
            <input type="checkbox" name={`queue.voicemail.${key}`} checked={rules.voicemail[key]} onChange={(e) => (setRules({ ...rules, voicemail: { ...rules.voicemail, [key]: e.target.checked } }), edited())} /> {settingLabel(`queue.voicemail.${key}`)}
          </label>
        ))}
      </fieldset>

      <fieldset className="rules-section">
        <legend>Closing a lead</legend>
        <label className="field">
          <span>{settingLabel('notInterestedReasons')}</span>
          <textarea name="notInterestedReasons" rows={6} value={typed.notInterested} onChange={(e) => (setTyped((t) => ({ ...t, notInterested: e.target.value })), edited())} {...invalid('notInterestedReasons')} />
          {fieldError('notInterestedReasons')}
        </label>
        <label className="field">
          <span>{settingLabel('stalledReasons')}</span>
          <textarea name="stalledReasons" rows={5} value={typed.stalled} onChange={(e) => (setTyped((t) => ({ ...t, stalled: e.target.value })), edited())} {...invalid('stalledReasons')} />
          <span className="hint">At most 9: each is picked by its number.</span>
          {fieldError('stalledReasons')}
        </label>
        <div className="rules-numbers">{numberField('undoDoNotCallMinutes', typed.undoDoNotCall, 'min', (text) => setTyped((t) => ({ ...t, undoDoNotCall: text })))}</div>
      </fieldset>
      {status.error && (
        <p className="form-error" role="alert">
          Not saved: {status.error.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary">
          Save the queue rules
        </button>
        <button type="button" className="button" onClick={undo}>
          Undo changes
        </button>
        {status.saved && (
          <span className="form-ok" role="status">
            Saved. The queue uses the new rules now.
          </span>
        )}
      </div>
    </form>
  );
}
