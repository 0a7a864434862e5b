import { describe, expect, it, vi } from 'vitest';
import { spokenDate } from '../../shared/domain/timeFormat';
import { FakeClock } from '../../electron/core/testing';
import { prepareInsertContact } from '../../electron/core/contacts/repo';
import { hasQueueBacklog, prepareAddToQueueBacklog } from '../../electron/core/queue/repo';
import { makeCore, tempDir, type TestCore } from './helpers';

async function pauses(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function lead(t: TestCore, firstName: string, phone: string, timeZone: string): Promise<void> {
  const added = await t.call<{ id: number }>('contacts.add', { firstName, lastName: 'Warm', company: 'Acme', phone });
  await t.call('contacts.update', { id: added.id, firstName, lastName: 'Warm', company: 'Acme', title: '', email: '', phone, timeZone, kind: 'outbound', lineType: 'business', notes: '' });
}

// A zone key's timeline and 15 days of calling hours cost a few ms to build; built in line, they
// land on the disposition that first shows a lead of that key each day. They are built in the
// pauses instead.
describe('calling hours built in the pauses', () => {
  it('every zone key is ready after a few turns of the event loop, and tomorrow’s hours before midnight UTC', async () => {
    const clock = new FakeClock('2026-03-04T15:00:00Z');
    const t = makeCore(tempDir(), { clock });
    await lead(t, 'Ana', '+1 212 555 0101', 'America/New_York');
    await lead(t, 'Ben', '+1 213 555 0102', 'America/Los_Angeles');
    await lead(t, 'Cleo', '+1 312 555 0103', 'America/Chicago');
    const now = () => clock.now().getTime();
    // Three leads in three zones (and the keys they had before their zone was set): nothing
    // has been built yet, and there has been no pause.
    const keys = t.core.queue.zoneIds().length;
    expect(keys).toBeGreaterThanOrEqual(3);
    expect(t.core.queue.coldZoneKeys(now())).toBe(keys);
    await pauses(5);
    expect(t.core.queue.coldZoneKeys(now())).toBe(0);

    // 23:45 UTC: the heartbeat has come (once a minute at most) and tomorrow's hours are built
    // before the day starts; just after midnight nothing is left to build in line.
    clock.advance(Date.parse('2026-03-04T23:45:00Z') - now());
    await pauses(5);
    expect(t.core.queue.coldZoneKeys(now())).toBe(0);
    expect(t.core.queue.coldZoneKeys(Date.parse('2026-03-05T00:05:00Z'))).toBe(0);
    t.core.close();
  });

  it('the date formatter a lead’s script draws in its zone is built in the pauses too, not by the first reply that shows the lead', async () => {
    const clock = new FakeClock('2026-03-04T15:00:00Z');
    const t = makeCore(tempDir(), { clock });
    // A zone no other test in this file draws in.
    await lead(t, 'Devi', '+91 22 2345 6789', 'Asia/Kolkata');
    // A reply before the first pause builds the key's timeline in line: its formatters are still
    // built in the pauses after.
    t.core.queue.next(clock.now().getTime());
    await pauses(5);
    expect(t.core.queue.coldZoneKeys(clock.now().getTime())).toBe(0);
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      spokenDate(clock.now().getTime(), 'Asia/Kolkata');
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
    t.core.close();
  });

  it('a lead with no known time zone (never callable) does not stop the keys after it from being warmed', async () => {
    const clock = new FakeClock('2026-03-04T15:00:00Z');
    const t = makeCore(tempDir(), { clock });
    const db = t.core.db;
    const insert = prepareInsertContact(db);
    db.transaction(() => {
      const id = insert({
        first_name: 'Zed', last_name: 'Nowhere', company: '', title: '', email: '', email_key: null, phone_raw: '', e164: '+15555550100', extension: null, other_phones: '[]',
        time_zones: '', tz_source: 'unknown', country: 'US', region: '', city: '', postcode: '', kind: 'outbound', line_type: 'business', notes: '', owner: '',
        custom_fields: '{}', status: 'active', dud_reason: null, import_id: null, source_row: null, created_at: clock.now().getTime(), jurisdictions: '',
      });
      prepareAddToQueueBacklog(db)(id, id);
    })();
    t.core.queue.ensureCaughtUp();
    await lead(t, 'Ana', '+1 212 555 0101', 'America/New_York');
    await lead(t, 'Ben', '+1 213 555 0102', 'America/Los_Angeles');
    const errors: unknown[] = [];
    const logged = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      await pauses(5);
    } finally {
      console.error = logged;
    }
    expect(errors).toEqual([]);
    expect(t.core.queue.coldZoneKeys(clock.now().getTime())).toBe(0);
    // And the lead says why it is not offered.
    const why = await t.call<{ contact: { firstName: string }; code: string }[]>('queue.notNow', {});
    expect(why.find((e) => e.contact.firstName === 'Zed')?.code).toBe('no_zone');
    t.core.close();
  });

  it('leaves an import’s queue rows to their own small steps, and warms once they are built', async () => {
    const clock = new FakeClock('2026-03-04T15:00:00Z');
    const t = makeCore(tempDir(), { clock });
    const db = t.core.db;
    const insert = prepareInsertContact(db);
    const now = clock.now().getTime();
    db.transaction(() => {
      const ids: number[] = [];
      for (let i = 0; i < 50; i++) {
        ids.push(
          insert({
            first_name: `Lead${i}`, last_name: 'Backlog', company: '', title: '', email: '', email_key: null, phone_raw: '', e164: `+1212555${String(2000 + i)}`, extension: null, other_phones: '[]',
            time_zones: i % 2 === 0 ? 'America/New_York' : 'America/Denver', tz_source: 'column', country: 'US', region: '', city: '', postcode: '', kind: 'outbound', line_type: 'business', notes: '', owner: '',
            custom_fields: '{}', status: 'active', dud_reason: null, import_id: null, source_row: null, created_at: now, jurisdictions: '',
          }),
        );
      }
      prepareAddToQueueBacklog(db)(ids[0]!, ids.at(-1)!);
    })();
    t.core.queue.warmSoon();
    await pauses(3);
    expect(hasQueueBacklog(db)).toBe(true);
    t.core.queue.catchUpInBackground();
    await pauses(10);
    expect(hasQueueBacklog(db)).toBe(false);
    expect(t.core.queue.coldZoneKeys(clock.now().getTime())).toBe(0);
    t.core.close();
  });
});
