import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { DEFAULT_QUEUE_SETTINGS } from '../../shared/domain/queueRules';
import { SETTINGS } from '../../shared/domain/settings';
import { makeCore, tempDir } from './helpers';

type Settings = { defaultCountry: string; defaultTimeZone: string; confirmed: boolean; repName: string; repPhone: string; theme: string; queue: typeof DEFAULT_QUEUE_SETTINGS; notifications: { doNotDisturb: boolean; quietFrom: string | null; quietUntil: string | null } };

function writeRaw(dir: string, key: string, value: string): void {
  const raw = new BetterSqlite3(path.join(dir, 'dialdeck.sqlite'));
  raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  raw.close();
}

describe('the settings store', () => {
  it('changes only the settings an update names, and never confirms the first-run questions by itself', async () => {
    const t = makeCore(undefined, { country: 'GB', zone: 'Europe/London' });
    const before = await t.call<Settings>('settings.get', {});
    const after = await t.call<Settings>('settings.update', { repName: 'Sam Reed' });
    expect(after).toEqual({ ...before, repName: 'Sam Reed' });
    expect(after.confirmed).toBe(false);
    const confirmed = await t.call<Settings>('settings.confirm', {});
    expect(confirmed).toEqual({ ...after, confirmed: true });
    t.core.close();
  });

  it('refuses an invalid value with the field named, and keeps every setting as it was', async () => {
    const t = makeCore();
    const before = await t.call<Settings>('settings.get', {});
    const refused = await t.core.invoke('settings.update', { repName: 'Sam', repPhone: '12', defaultCountry: 'GB' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(Object.keys(refused.error.fields ?? {})).toEqual(['repPhone']);
    const zone = await t.core.invoke('settings.update', { defaultTimeZone: 'Mars/Olympus' });
    expect(zone.ok).toBe(false);
    if (!zone.ok) expect(zone.error.fields?.defaultTimeZone).toBe(`must be a time zone name such as America/New_York ("Mars/Olympus" is not one)`);
    expect(await t.call<Settings>('settings.get', {})).toEqual(before);
    t.core.close();
  });

  it('reads a stored object that no longer fits field by field: valid fields kept, the rest their defaults', async () => {
    const dir = tempDir();
    makeCore(dir).core.close();
    // One valid change, one value out of range, one unknown field (an older or hand-edited file).
    writeRaw(dir, 'queue', JSON.stringify({ ...DEFAULT_QUEUE_SETTINGS, noAnswerRetryMinutes: 45, maxAttemptsPerDay: -5, retired: true }));
    // Quiet hours with one end only break a rule across fields: both ends fall back together.
    writeRaw(dir, 'notifications', JSON.stringify({ doNotDisturb: true, quietFrom: '18:00', quietUntil: null }));
    writeRaw(dir, 'theme', '"purple"');
    writeRaw(dir, 'repName', '{not json');
    const t = makeCore(dir);
    const settings = await t.call<Settings>('settings.get', {});
    expect(settings.queue).toEqual({ ...DEFAULT_QUEUE_SETTINGS, noAnswerRetryMinutes: 45 });
    expect(settings.notifications).toEqual({ doNotDisturb: true, quietFrom: null, quietUntil: null });
    expect(settings.theme).toBe(SETTINGS.theme.default);
    expect(settings.repName).toBe('');
    t.core.close();
  });

  it('goes all the way down: one bad window, one bad reason, one unknown rule leave the rest as the rep set it', async () => {
    const dir = tempDir();
    makeCore(dir).core.close();
    const q = structuredClone(DEFAULT_QUEUE_SETTINGS) as typeof DEFAULT_QUEUE_SETTINGS & { callingHours: { business: Record<string, unknown>; residential: Record<string, unknown>; byCountry?: unknown }; voicemail: { weekdaysOnly: boolean; windows: unknown[] } };
    // The rep's own choices…
    q.maxAttemptsPerDay = 7;
    q.callingHours.business['1'] = { start: '07:00', end: '19:00' };
    q.callingHours.byCountry = { GB: { business: { ...q.callingHours.business } } };
    q.voicemail.weekdaysOnly = !DEFAULT_QUEUE_SETTINGS.voicemail.weekdaysOnly;
    q.voicemail.windows = [{ start: '07:00', end: '08:00' }];
    // …and one bad value in each of two places (hand-edited, or an older build).
    const stored = structuredClone(q);
    stored.callingHours.residential['7'] = { start: '10:00', end: '09:00' };
    stored.voicemail.windows = [...q.voicemail.windows, { start: '25:00', end: '26:00' }];
    // Hours for a country Dialdeck does not know, and for one spelt in lower case: those go, GB's stay.
    stored.callingHours.byCountry = { ...(q.callingHours.byCountry as object), XX: { business: q.callingHours.business }, gb: { business: q.callingHours.business } };
    writeRaw(dir, 'queue', JSON.stringify(stored));
    writeRaw(dir, 'notInterestedReasons', JSON.stringify(['Too expensive', 'Has a supplier', 'x'.repeat(81)]));
    const switchedOff = { rule: 'us-fl', on: false, reason: 'counsel said so', changedAt: '2026-01-01T00:00:00.000Z' };
    writeRaw(dir, 'law', JSON.stringify([switchedOff, { rule: 'no-such-rule', on: true, reason: '', changedAt: '2026-01-01T00:00:00.000Z' }]));
    const t = makeCore(dir);
    const settings = await t.call<Settings & { notInterestedReasons: string[] }>('settings.get', {});
    // Everything the rep set, but Sunday's residential window (its default), the bad voicemail
    // window and the hours of the two countries that are not.
    const residential = { ...q.callingHours.residential, '7': (DEFAULT_QUEUE_SETTINGS.callingHours.residential as Record<string, unknown>)['7'] };
    expect(settings.queue).toEqual({ ...q, callingHours: { ...q.callingHours, residential } });
    expect(settings.notInterestedReasons).toEqual(['Too expensive', 'Has a supplier']);
    // The calling rules' switches are read by the law service, not settings.get.
    expect(t.core.settings.get('law')).toEqual([switchedOff]);
    t.core.close();
  });

  it('sees a change another connection committed (the CLI while the app runs)', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    expect((await t.call<Settings>('settings.get', {})).repName).toBe('');
    writeRaw(dir, 'repName', JSON.stringify('Ana from the CLI'));
    expect((await t.call<Settings>('settings.get', {})).repName).toBe('Ana from the CLI');
    t.core.close();
  });

  it('brings settings written before the registry (plain text, old key names) over unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, 'dialdeck.sqlite');
    openDatabase(file, { migrateTo: 7 }).close();
    const raw = new BetterSqlite3(file);
    const insert = raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    const rules = { ...DEFAULT_QUEUE_SETTINGS, skipMinutes: 15 };
    for (const [key, value] of [
      ['defaultCountry', 'GB'],
      ['defaultTimeZone', 'Europe/London'],
      ['settingsConfirmed', 'true'],
      ['queueSettings', JSON.stringify(rules)],
      ['repName', 'Sam "the closer" Reed'],
      ['dialTemplate', 'callto:{e164}'],
    ]) insert.run(key, value);
    raw.close();
    const t = makeCore(dir);
    const all = t.core.settings.all();
    expect(all.defaultCountry).toBe('GB');
    expect(all.defaultTimeZone).toBe('Europe/London');
    expect(all.confirmed).toBe(true);
    expect(all.queue).toEqual(rules);
    expect(all.repName).toBe('Sam "the closer" Reed');
    // The dial template became "Your phone" (migration 011): callto:{e164} is its callto preset.
    expect(all.phone).toEqual({ preset: 'callto', sipHost: '', template: '' });
    t.core.close();
  });
});
