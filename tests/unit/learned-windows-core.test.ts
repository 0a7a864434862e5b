// The learned-window suggestion through the core: a weekday log where voicemails left at 15:00
// their time come back far more often than those left at 07:00 (inside the default windows).
// Returns are inbound calls (the direction column, migration 023).
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../shared/ipc/contract';
import { makeCore } from './helpers';

describe('stats.windowSuggestion', () => {
  it('suggests 15:00–16:00 over 07:00–08:00 from the log, and adopting it changes the voicemail windows', async () => {
    const t = makeCore();
    const db = t.core.db;
    const insertLead = db.prepare("INSERT INTO contacts (first_name, phone_raw, e164, time_zones, created_at, updated_at) VALUES ('Lead', ?, ?, 'America/New_York', 0, 0)");
    const insertCall = db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, direction) VALUES (?, 'tel:x', 'x', ?, ?, ?)");
    // Weekdays from 5 January 2026 on, in New York.
    const weekdays: DateTime[] = [];
    for (let d = DateTime.fromISO('2026-01-05', { zone: 'America/New_York' }); weekdays.length < 40; d = d.plus({ days: 1 })) if (d.weekday <= 5) weekdays.push(d);
    let lead = 0;
    const leave = (hour: number, count: number, returned: number) => {
      for (let i = 0; i < count; i++) {
        const id = Number(insertLead.run(`+1212555${String(++lead).padStart(4, '0')}`, `+1212555${String(lead).padStart(4, '0')}`).lastInsertRowid);
        const at = weekdays[i % weekdays.length]!.set({ hour, minute: (i * 7) % 60 });
        insertCall.run(id, at.toMillis(), 'voicemail_left', 'outbound');
        if (i < returned) insertCall.run(id, at.plus({ days: 1 }).toMillis(), 'conversation', 'inbound');
      }
    };
    leave(7, 312, 9);
    leave(15, 320, 30);
    const { suggestion } = await t.call<ResponseOf<'stats.windowSuggestion'>>('stats.windowSuggestion', {});
    expect(suggestion).toMatchObject({ betterHour: 15, worseHour: 7, windows: [{ start: '15:00', end: '16:00' }, { start: '16:30', end: '18:30' }] });
    expect(suggestion!.text).toMatch(/^Voicemails left 3:00\sPM–4:00\sPM their time were returned 3\.3× as often as 7:00\sAM–8:00\sAM \(30 of 320/);

    const settings = await t.call<ResponseOf<'settings.get'>>('settings.get', {});
    await t.call('settings.update', { queue: { ...settings.queue, voicemail: { ...settings.queue.voicemail, windows: suggestion!.windows } } });
    const after = await t.call<ResponseOf<'settings.get'>>('settings.get', {});
    expect(after.queue.voicemail.windows).toEqual(suggestion!.windows);
    // Adopted: 07:00 is no longer in a window, so nothing moves it out again.
    expect((await t.call<ResponseOf<'stats.windowSuggestion'>>('stats.windowSuggestion', {})).suggestion).toBeNull();
    t.core.close();
  });
});
