import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { FakeClock, RecordingNotifier } from '../../electron/core/testing';
import { MAX_TIMER_MS } from '../../electron/core/scheduler/scheduler';
import { instantFromLocal } from '../../shared/domain/timeFormat';
import { expectedLeadTime, makeCore, tempDir, type TestCore } from './helpers';
import { timeToken } from '../../shared/domain/timeText';
import { prepareInsertContact } from '../../electron/core/contacts/repo';
import { prepareAddToQueueBacklog, storePlan } from '../../electron/core/queue/repo';
import { completeTask, insertTask } from '../../electron/core/tasks/repo';
import { NEXT_CALLBACK_SQL, UNNOTICED_DUE_SQL, nextPendingCallbackAt, unnoticedDue } from '../../electron/core/due/repo';
import { planStableSql } from '../../electron/core/db/sql';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function setup(start: string, dir = tempDir()) {
  const clock = new FakeClock(start);
  const notifier = new RecordingNotifier(clock);
  return { ...makeCore(dir, { clock, notifier }), dir };
}

async function lead(t: TestCore, firstName: string, phone: string): Promise<number> {
  return (await t.call<{ id: number }>('contacts.add', { firstName, lastName: 'Test', company: 'Acme', phone })).id;
}

/** `count` New York leads added a day ago, with their queue rows; returns their ids. */
function seedLeads(t: TestCore, count: number): number[] {
  const db = t.core.db;
  const now = t.clock.now().getTime();
  const insert = prepareInsertContact(db);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      ids.push(
        insert({
          first_name: `Lead${i}`, last_name: 'Due', company: '', title: '', email: '', email_key: null, phone_raw: '', e164: `+1212555${String(1000 + i)}`, extension: null, other_phones: '[]',
          time_zones: 'America/New_York', tz_source: 'column', country: 'US', region: '', city: '', postcode: '', kind: 'outbound', line_type: 'business', notes: '', owner: '',
          custom_fields: '{}', status: 'active', dud_reason: null, import_id: null, source_row: null, created_at: now - DAY, jurisdictions: '',
        }),
      );
    }
    prepareAddToQueueBacklog(db)(ids[0]!, ids.at(-1)!);
  })();
  t.core.queue.ensureCaughtUp();
  return ids;
}

/** A callback promised on a call, at an instant. */
async function promiseCallback(t: TestCore, contactId: number, at: string): Promise<void> {
  const call = await t.call<{ id: number }>('calls.dial', { contactId, override: true });
  await t.call('calls.log', { callId: call.id, outcome: 'callback_requested', callbackAt: at });
}

describe('one timer', () => {
  it('a write re-arms after its reply, once for a burst, and a callback it promised still comes on the minute', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    const ids = [await lead(t, 'Ana', '+1 212 555 0101'), await lead(t, 'Ben', '+1 212 555 0102'), await lead(t, 'Cleo', '+1 212 555 0103')];
    t.clock.advance(0);
    const original = t.core.scheduler.nextWake.bind(t.core.scheduler);
    let computed = 0;
    t.core.scheduler.nextWake = (at: number) => {
      computed++;
      return original(at);
    };
    for (const [i, id] of ids.entries()) await promiseCallback(t, id, new Date(Date.parse('2026-03-04T15:10:00Z') + i * MIN).toISOString());
    // Three dials and three dispositions answered: none of them waited for the next wake.
    expect(computed).toBe(0);
    expect(t.core.scheduler.armed).toBe(true);
    t.clock.advance(0);
    expect(computed).toBe(1);
    t.clock.advance(10 * MIN - 1);
    expect(t.notifier.sent).toEqual([]);
    t.clock.advance(1);
    expect(t.notifier.sent.map((n) => n.at)).toEqual([Date.parse('2026-03-04T15:10:00Z')]);
    t.core.close();
  });

  it('however many callbacks, tasks and leads there are, exactly one timer is armed, never longer than a minute', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    for (let i = 0; i < 40; i++) {
      const id = await lead(t, `Lead${i}`, `+1 212 555 ${String(1000 + i)}`);
      if (i % 2 === 0) await promiseCallback(t, id, new Date(Date.parse('2026-03-04T15:05:00Z') + i * 7 * MIN).toISOString());
      else {
        const call = await t.call<{ id: number }>('calls.dial', { contactId: id });
        await t.call('calls.log', { callId: call.id, outcome: 'voicemail_left' });
      }
      expect(t.clock.pendingTimers).toBe(1);
    }
    for (let i = 0; i < 300; i++) {
      t.clock.advance(MIN);
      expect(t.clock.pendingTimers).toBe(1);
    }
    expect(Math.max(...t.clock.requestedDelays)).toBeLessThanOrEqual(MAX_TIMER_MS);
    // All twenty callbacks were told, each once.
    const told = t.notifier.sent.filter((n) => n.title.startsWith('Callback due'));
    expect(told).toHaveLength(20);
    t.core.close();
  });
});

describe('a callback at 08:00 their time fires at that instant, daylight-saving days included', () => {
  const cases = [
    ['America/New_York', '+1 212 555 0100', '2026-03-04', '2026-03-04T13:00:00Z'],
    ['America/New_York', '+1 212 555 0100', '2026-03-08', '2026-03-08T12:00:00Z'],
    ['America/New_York', '+1 212 555 0100', '2026-11-01', '2026-11-01T13:00:00Z'],
    ['Europe/London', '+44 20 7946 0958', '2026-03-29', '2026-03-29T07:00:00Z'],
    ['Europe/London', '+44 20 7946 0958', '2026-10-25', '2026-10-25T08:00:00Z'],
    ['Australia/Sydney', '+61 2 9374 4000', '2026-04-05', '2026-04-04T22:00:00Z'],
    ['Australia/Sydney', '+61 2 9374 4000', '2026-10-04', '2026-10-03T21:00:00Z'],
  ] as const;
  it.each(cases)('%s on %s', async (zone, phone, date, expected) => {
    // The call screen reads "08:00" in their zone; that is this instant.
    const callbackAt = instantFromLocal(`${date}T08:00`, zone)!;
    expect(callbackAt).toBe(new Date(expected).toISOString());
    const t = setup(DateTime.fromISO(`${date}T08:00`, { zone }).minus({ hours: 30 }).toUTC().toISO()!);
    const id = await lead(t, 'Ana', phone);
    await promiseCallback(t, id, callbackAt);
    t.clock.advance(31 * HOUR);
    const told = t.notifier.sent.filter((n) => n.title.startsWith('Callback due'));
    expect(told).toHaveLength(1);
    expect(new Date(told[0]!.at).toISOString()).toBe(new Date(expected).toISOString());
    // The body is the callback's reason, its time drawn as the title's is (no token left in it).
    expect(told[0]).toMatchObject({ title: `Callback due: Ana Test at Acme, ${expectedLeadTime(Date.parse(expected), zone)}`, body: `callback promised for ${expectedLeadTime(Date.parse(expected), zone)}`, contactId: id });
    const queue = await t.call<{ entries: { contact: { id: number }; tier: string }[] }>('queue.list', { at: callbackAt });
    if (zone === 'Australia/Sydney') {
      // Both Sydney days are Sundays: the Industry Standard 2017 allows no telemarketing calls
      // then, so the callback is told but not offered, and the not-callable view says why.
      expect(queue.entries).toEqual([]);
      const waiting = await t.call<{ contact: { id: number }; reason: string }[]>('queue.notNow', { at: callbackAt });
      // 5 April is Easter Sunday, and Easter Monday a national public holiday: Tuesday then.
      // 09:00 AEST on Tuesday 7 April; 09:00 AEDT on Monday 5 October (summer time began on the 4th).
      const opens = timeToken(Date.parse(date === '2026-04-05' ? '2026-04-06T23:00:00Z' : '2026-10-04T22:00:00Z'), zone);
      expect(waiting.find((w) => w.contact.id === id)?.reason).toBe(`Australia: no calls on Sundays, opens at ${opens} (Telemarketing and Research Calls Industry Standard 2017 (F2017L00323))`);
    } else expect(queue.entries[0]).toMatchObject({ contact: { id }, tier: 'callback' });
    t.core.close();
  });
});

describe('sleep', () => {
  async function sleepy() {
    const t = setup('2026-03-04T15:00:00Z'); // 10:00 in New York
    const names = ['Ana', 'Ben', 'Cy'];
    for (const [i, name] of names.entries()) await promiseCallback(t, await lead(t, name, `+1 212 555 010${i}`), new Date(Date.parse('2026-03-04T15:00:00Z') + (2 * i + 1) * HOUR).toISOString());
    // A voicemail makes an email task, due now: it is told at once, before the sleep.
    const dee = await lead(t, 'Dee', '+1 212 555 0109');
    const call = await t.call<{ id: number }>('calls.dial', { contactId: dee });
    await t.call('calls.log', { callId: call.id, outcome: 'voicemail_left' });
    t.clock.advance(MIN);
    expect(t.notifier.sent.map((n) => n.title)).toEqual(['Task due: Email: after a voicemail']);
    t.notifier.sent.length = 0;
    return t;
  }

  it('nine hours asleep: nothing fires during it; on resume everything due is handled once, in order, then the next is armed', async () => {
    const t = await sleepy();
    t.clock.jump(9 * HOUR);
    expect(t.notifier.sent).toHaveLength(0);
    t.core.scheduler.wake();
    expect(t.notifier.sent).toHaveLength(1);
    expect(t.notifier.sent[0]).toMatchObject({ title: '3 callbacks due', body: 'Ana Test, Ben Test, Cy Test.' });
    expect(t.clock.pendingTimers).toBe(1);
    t.clock.advance(10 * MIN);
    t.core.scheduler.wake();
    expect(t.notifier.sent).toHaveLength(1);
    t.core.close();
  });

  it('the same without a resume event: the heartbeat (a timer never over a minute) catches it', async () => {
    const t = await sleepy();
    t.clock.jump(9 * HOUR);
    t.clock.advance(MAX_TIMER_MS);
    expect(t.notifier.sent).toHaveLength(1);
    expect(t.notifier.sent[0]).toMatchObject({ title: '3 callbacks due', body: 'Ana Test, Ben Test, Cy Test.' });
    t.clock.advance(HOUR);
    expect(t.notifier.sent).toHaveLength(1);
    t.core.close();
  });
});

describe('a callback and an early try', () => {
  it('a no-answer before the promised time leaves the callback where it was: it still comes, on its minute', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    const ana = await lead(t, 'Ana', '+1 212 555 0101');
    await promiseCallback(t, ana, '2026-03-04T17:00:00Z');
    t.clock.advance(90 * MIN);
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana, override: true });
    await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    expect(t.core.db.prepare('SELECT tier, due_at FROM queue_state WHERE contact_id = ?').get(ana)).toEqual({ tier: 'callback', due_at: Date.parse('2026-03-04T17:00:00Z') });
    t.clock.advance(30 * MIN - 1);
    expect(t.notifier.sent.filter((n) => n.title.startsWith('Callback due'))).toEqual([]);
    t.clock.advance(1);
    expect(t.notifier.sent.filter((n) => n.title.startsWith('Callback due')).map((n) => n.at)).toEqual([Date.parse('2026-03-04T17:00:00Z')]);
    t.core.close();
  });
});

describe('midnight on the rep’s clock', () => {
  function heardDays(t: TestCore): [string, unknown][] {
    const heard: [string, unknown][] = [];
    t.core.events.subscribe((name, payload) => name === 'day.changed' && heard.push([t.clock.now().toISOString(), payload]));
    return heard;
  }

  it('is told once, at that instant, to a desk left on overnight with nothing else happening', () => {
    // London in early March is on GMT: its midnight is 00:00 UTC.
    const t = setup('2026-03-04T23:59:30Z');
    const heard = heardDays(t);
    t.clock.advance(30_000 - 1);
    expect(heard).toEqual([]);
    t.clock.advance(1);
    expect(heard).toEqual([['2026-03-05T00:00:00.000Z', { day: '2026-03-05' }]]);
    // A whole day of heartbeats says nothing more until the next midnight.
    t.clock.advance(DAY - 1);
    expect(heard).toHaveLength(1);
    t.clock.advance(1);
    expect(heard.at(-1)).toEqual(['2026-03-06T00:00:00.000Z', { day: '2026-03-06' }]);
    expect(t.clock.pendingTimers).toBe(1);
    t.core.close();
  });

  it('follows the rep’s zone through the night the clocks go forward (a 23-hour day)', () => {
    // New York, Sunday 8 March 2026: midnight EST is 05:00 UTC; the next midnight, EDT, 04:00 UTC.
    const clock = new FakeClock('2026-03-08T04:59:00Z');
    const t = makeCore(tempDir(), { clock, notifier: new RecordingNotifier(clock), repZone: 'America/New_York' });
    const heard = heardDays(t);
    t.clock.advance(MIN);
    t.clock.advance(23 * HOUR);
    expect(heard).toEqual([
      ['2026-03-08T05:00:00.000Z', { day: '2026-03-08' }],
      ['2026-03-09T04:00:00.000Z', { day: '2026-03-09' }],
    ]);
    t.core.close();
  });

  it('after a sleep across midnight, the resume tells the new day as well as the jump', () => {
    const t = setup('2026-03-04T22:00:00Z');
    const heard = heardDays(t);
    t.clock.jump(9 * HOUR);
    expect(heard).toEqual([]);
    t.core.scheduler.wake();
    expect(heard).toEqual([['2026-03-05T07:00:00.000Z', { day: '2026-03-05' }]]);
    t.core.close();
  });
});

describe('restart', () => {
  it('what was notified is not notified again; what fell due while closed is reported once as missed', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    const ana = await lead(t, 'Ana', '+1 212 555 0100');
    const ben = await lead(t, 'Ben', '+1 212 555 0101');
    await promiseCallback(t, ana, '2026-03-04T15:30:00Z');
    await promiseCallback(t, ben, '2026-03-04T17:00:00Z');
    t.clock.advance(45 * MIN);
    expect(t.notifier.sent.map((n) => n.title)).toEqual([`Callback due: Ana Test at Acme, ${expectedLeadTime(Date.parse('2026-03-04T15:30:00Z'), 'America/New_York')}`]);
    t.core.close();

    // Closed from 15:45 to 18:00: Ben's 17:00 callback fell due meanwhile.
    t.clock.jump(135 * MIN);
    const notifier = new RecordingNotifier(t.clock);
    const again = makeCore(t.dir, { clock: t.clock, notifier });
    expect(notifier.sent).toHaveLength(0);
    const due = await again.call<{ dueNow: { name: string; missed: boolean }[]; missed: { id: number; summary: string; items: { name: string }[] } | null }>('due.list', {});
    expect(due.missed).toMatchObject({ summary: '1 callback was due while Dialdeck was closed', items: [{ name: 'Ben Test' }] });
    expect(due.dueNow.map((d) => [d.name, d.missed])).toEqual([
      ['Ana Test', false],
      ['Ben Test', true],
    ]);
    // Raised in the queue, not notified as if it were now.
    const queue = await again.call<{ entries: { contact: { id: number }; tier: string }[] }>('queue.list', {});
    expect(queue.entries.slice(0, 2).map((e) => e.contact.id)).toEqual([ana, ben]);
    again.clock.advance(HOUR);
    expect(notifier.sent).toHaveLength(0);
    await again.call('due.ackMissed', { id: due.missed!.id });
    expect((await again.call<{ missed: unknown }>('due.list', {})).missed).toBeNull();
    again.core.close();

    const third = makeCore(t.dir, { clock: t.clock, notifier });
    expect((await third.call<{ missed: unknown }>('due.list', {})).missed).toBeNull();
    expect(notifier.sent).toHaveLength(0);
    third.core.close();
  });

  it('closed again before the rep saw the report: the next start reports both what it listed and what fell due since', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    const ana = await lead(t, 'Ana', '+1 212 555 0100');
    const ben = await lead(t, 'Ben', '+1 212 555 0101');
    await promiseCallback(t, ana, '2026-03-04T15:30:00Z');
    await promiseCallback(t, ben, '2026-03-04T17:00:00Z');
    t.core.close();
    // Closed over Ana's 15:30; opened at 16:00 and closed again unseen; opened at 18:00, after Ben's 17:00.
    t.clock.jump(HOUR);
    makeCore(t.dir, { clock: t.clock }).core.close();
    t.clock.jump(2 * HOUR);
    const again = makeCore(t.dir, { clock: t.clock });
    type Missed = { id: number; summary: string; items: { name: string }[] } | null;
    const due = await again.call<{ missed: Missed }>('due.list', {});
    expect(due.missed).toMatchObject({ summary: '2 callbacks were due while Dialdeck was closed', items: [{ name: 'Ana Test' }, { name: 'Ben Test' }] });
    await again.call('due.ackMissed', { id: due.missed!.id });
    expect((await again.call<{ missed: Missed }>('due.list', {})).missed).toBeNull();
    again.core.close();
  });
});

describe('long waits', () => {
  it('a callback set for next month works, and no timer longer than a minute is ever asked for', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    const ana = await lead(t, 'Ana', '+1 212 555 0100');
    const nextMonth = '2026-04-06T13:00:00Z'; // 33 days on: more than 2^31 ms
    expect(Date.parse(nextMonth) - t.clock.now().getTime()).toBeGreaterThan(2 ** 31);
    await promiseCallback(t, ana, nextMonth);
    t.clock.advance(33 * DAY + HOUR);
    expect(Math.max(...t.clock.requestedDelays)).toBeLessThanOrEqual(MAX_TIMER_MS);
    const told = t.notifier.sent.filter((n) => n.title.startsWith('Callback due'));
    expect(told.map((n) => new Date(n.at).toISOString())).toEqual([new Date(nextMonth).toISOString()]);
    t.core.close();
  }, 60_000);
});

describe('notifications', () => {
  it('a voicemail window opening where retries wait is one notification for all of them', async () => {
    // 17 s past the minute: the heartbeat (once a minute from the start) falls at :17, so a
    // notification on the minute shows the wake was armed for the window's opening itself.
    const t = setup('2026-03-04T18:00:17Z'); // 13:00 in New York, a Wednesday: retries due at 15:00
    for (let i = 0; i < 12; i++) {
      const id = await lead(t, `Lead${i}`, `+1 212 555 ${String(2000 + i)}`);
      const call = await t.call<{ id: number }>('calls.dial', { contactId: id });
      await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    }
    t.clock.advance(4 * HOUR); // 17:00: the window opened at 16:30
    const windows = t.notifier.sent.filter((n) => n.title.startsWith('Voicemail window'));
    expect(windows).toEqual([expect.objectContaining({ title: 'Voicemail window open for 12 queued leads', body: `Until ${expectedLeadTime(Date.parse('2026-03-04T23:30:00Z'), 'America/New_York')}. They are at the top of the queue.` })]); // 18:30 EST
    expect(new Date(windows[0]!.at).toISOString()).toBe('2026-03-04T21:30:00.000Z'); // 16:30 in New York, on the minute
    t.core.close();
  });

  it('do-not-disturb and quiet hours keep the notifications back, not the due items', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    const ana = await lead(t, 'Ana', '+1 212 555 0100');
    await t.call('settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', notifications: { doNotDisturb: false, quietFrom: '15:00', quietUntil: '16:00' } });
    await promiseCallback(t, ana, '2026-03-04T15:20:00Z'); // 15:20 in London, the rep's zone here
    t.clock.advance(30 * MIN);
    expect(t.notifier.sent).toHaveLength(0);
    expect((await t.call<{ dueNow: unknown[] }>('due.list', {})).dueNow).toHaveLength(1);
    const bad = await t.core.invoke('settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', notifications: { doNotDisturb: false, quietFrom: '15:00', quietUntil: null } });
    expect(bad.ok || bad.error.fields).toEqual({ 'notifications.quietUntil': 'must be given with “Quiet from”: both ends of the quiet hours, or neither' });
    t.core.close();
  });
});

describe('reminders held by quiet hours', () => {
  const quietHours = { defaultCountry: 'US', defaultTimeZone: 'America/New_York', notifications: { doNotDisturb: false, quietFrom: '15:00', quietUntil: '16:00' } };

  it('a callback that fell due in the quiet hours is told once when they end, and a task done meanwhile is not', async () => {
    const t = setup('2026-03-04T15:00:00Z'); // 15:00 in London, the rep's zone: quiet until 16:00
    const ana = await lead(t, 'Ana', '+1 212 555 0100');
    const ben = await lead(t, 'Ben', '+1 212 555 0101');
    await t.call('settings.update', quietHours);
    await promiseCallback(t, ana, '2026-03-04T15:20:00Z');
    const task = insertTask(t.core.db, { contactId: ben, kind: 'call', title: 'Ring back', dueAt: Date.parse('2026-03-04T15:10:00Z'), callId: null, at: Date.parse('2026-03-04T15:00:00Z') });
    t.clock.advance(0);
    t.clock.advance(30 * MIN); // 15:30: both fell due, nobody told
    expect(t.notifier.sent).toEqual([]);
    await t.call('tasks.complete', { id: task });
    t.clock.advance(29 * MIN); // 15:59: still quiet
    expect(t.notifier.sent).toEqual([]);
    t.clock.advance(2 * MIN); // 16:01: the quiet ended at 16:00
    expect(t.notifier.sent).toEqual([expect.objectContaining({ title: expect.stringMatching(/^Callback due: Ana Test at Acme, /), body: expect.stringContaining('(Held while notifications were quiet.)'), contactId: ana })]);
    expect(t.notifier.sent[0]!.at).toBeGreaterThanOrEqual(Date.parse('2026-03-04T16:00:00Z'));
    expect(t.notifier.sent[0]!.at).toBeLessThanOrEqual(Date.parse('2026-03-04T16:01:00Z'));
    t.clock.advance(30 * MIN);
    expect(t.notifier.sent).toHaveLength(1);
    t.core.close();
  });

  it('held through a restart, and through do-not-disturb until it is switched off', async () => {
    const dir = tempDir();
    const t = setup('2026-03-04T15:00:00Z', dir);
    const ana = await lead(t, 'Ana', '+1 212 555 0100');
    await t.call('settings.update', quietHours);
    await promiseCallback(t, ana, '2026-03-04T15:20:00Z');
    t.clock.advance(0);
    t.clock.advance(30 * MIN);
    t.core.close();
    // Started again at 15:40, still quiet: the callback was held, not missed while closed.
    const clock = new FakeClock('2026-03-04T15:40:00Z');
    const again = { ...makeCore(dir, { clock, notifier: new RecordingNotifier(clock) }), dir };
    again.clock.advance(0);
    expect((await again.call<{ dueNow: { missed: boolean }[] }>('due.list', {})).dueNow).toEqual([expect.objectContaining({ missed: false })]);
    await again.call('settings.update', { ...quietHours, notifications: { doNotDisturb: true, quietFrom: null, quietUntil: null } });
    again.clock.advance(2 * HOUR); // 17:40: past the quiet hours, but do-not-disturb is on
    expect(again.notifier.sent).toEqual([]);
    await again.call('settings.update', { ...quietHours, notifications: { doNotDisturb: false, quietFrom: null, quietUntil: null } });
    again.clock.advance(MIN);
    expect(again.notifier.sent).toEqual([expect.objectContaining({ title: expect.stringMatching(/^Callback due: Ana Test at Acme, /), body: expect.stringContaining('Held while notifications were quiet') })]);
    again.core.close();
  });
});

describe('the due-now count', () => {
  it('after tasks are done, the badge hears the due count once, on the next turn, not inside each reply', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    const now = t.clock.now().getTime();
    const ids = [await lead(t, 'Ana', '+1 212 555 0101'), await lead(t, 'Ben', '+1 212 555 0102'), await lead(t, 'Cleo', '+1 212 555 0103')];
    const tasks = ids.map((contactId, i) => insertTask(t.core.db, { contactId, kind: 'call', title: 'Ring back', dueAt: now - (i + 1) * MIN, callId: null, at: now - DAY }));
    await new Promise((resolve) => setImmediate(resolve));
    const heard: number[] = [];
    t.core.events.subscribe((event, payload) => {
      if (event === 'due.changed') heard.push((payload as { dueNow: number }).dueNow);
    });
    await t.call('tasks.complete', { id: tasks[0]! });
    await t.call('tasks.complete', { id: tasks[1]! });
    expect(heard).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    // Three tasks were due, two are done: one is left, said once for both.
    expect(heard).toEqual([1]);
    t.core.close();
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('counts every open callback and task due by now, past the strip’s first 200, and nothing closed, done or later', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    const db = t.core.db;
    const now = t.clock.now().getTime();
    const ids = seedLeads(t, 260);
    // 230 callbacks due (some notified already: still open), 10 closed, 10 not due yet;
    // 30 tasks due, 5 done, 5 later.
    const plan = (contactId: number, dueAt: number, closed: string | null) =>
      storePlan(db, contactId, { tier: 'callback', due_at: dueAt, why: 'Call back', closed, voicemail_rest_until: null, last_attempt_at: null, attempts_today: 0, cap_reached: 0, cap_rule: null });
    db.transaction(() => {
      ids.slice(0, 230).forEach((id, i) => plan(id, now - (i + 1) * MIN, null));
      ids.slice(230, 240).forEach((id) => plan(id, now - HOUR, 'not_interested'));
      ids.slice(240, 250).forEach((id) => plan(id, now + HOUR, null));
      db.prepare('UPDATE queue_state SET notified_at = ? WHERE contact_id <= ?').run(now, ids[20]!);
      for (let i = 0; i < 40; i++) {
        const taskId = insertTask(db, { contactId: ids[i]!, kind: 'call', title: 'Task', dueAt: i < 35 ? now - i * MIN : now + DAY, callId: null, at: now - DAY });
        if (i >= 30 && i < 35) completeTask(db, taskId, now);
      }
    })();
    // Counted from the seed above: 230 callbacks + 30 open tasks due.
    expect(t.core.scheduler.dueNowCount()).toBe(230 + 30);
    // The strip still shows its first 200, oldest first.
    expect(t.core.scheduler.dueNow()).toHaveLength(200);
  });
});

describe('what the scheduler reads at each wake', () => {
  it('finds the callbacks not yet told among those alone, however many were told and still wait to be called back', async () => {
    const t = setup('2026-03-04T15:00:00Z');
    const db = t.core.db;
    const now = t.clock.now().getTime();
    const ids = seedLeads(t, 400);
    // 398 callbacks due and told, not yet called back; one not told, due a minute ago; one later.
    const plan = (contactId: number, dueAt: number) =>
      storePlan(db, contactId, { tier: 'callback', due_at: dueAt, why: 'Call back', closed: null, voicemail_rest_until: null, last_attempt_at: null, attempts_today: 0, cap_reached: 0, cap_rule: null });
    const untold = ids[398]!;
    const later = ids[399]!;
    db.transaction(() => {
      ids.slice(0, 398).forEach((id, i) => plan(id, now - (i + 2) * MIN));
      db.prepare('UPDATE queue_state SET notified_at = ? WHERE contact_id < ?').run(now - MIN, untold);
      plan(untold, now - MIN);
      plan(later, now + HOUR);
    })();
    expect(nextPendingCallbackAt(db)).toBe(now - MIN);
    expect(unnoticedDue(db, now).map((r) => r.ref)).toEqual([untold]);
    // Read in the index of the callbacks not yet told: not by stepping over the 398 told ones in
    // the index of every open callback.
    const planOf = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${planStableSql(sql)}`).all({ at: now }) as { detail: string }[]).map((row) => row.detail).join('; ');
    expect(planOf(NEXT_CALLBACK_SQL)).toMatch(/USING (COVERING )?INDEX queue_callbacks_pending/);
    expect(planOf(UNNOTICED_DUE_SQL)).toMatch(/SEARCH q USING INDEX queue_callbacks_pending/);
    expect(planOf(UNNOTICED_DUE_SQL)).not.toMatch(/queue_callbacks_open/);
    t.core.close();
  });
});
