// What the screens get back so they need no second request: the next screen in a disposition's
// reply, the call log by pages that neither skip nor repeat, the core's clock and when it jumps,
// and snoozes decided on the rep's clock.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { FakeClock } from '../../electron/core/testing';
import { makeCore, type TestCore } from './helpers';

interface Detail {
  contact: { id: number; firstName: string };
  calls: { id: number; outcome: string | null }[];
  redial: { status: string } | null;
}
interface Script {
  situation: string;
  script: { name: string } | null;
}
interface Logged {
  call: { id: number; outcome: string };
  next: { contact: { id: number } } | null;
  show: { detail: Detail; script: Script; follow: unknown; labels: unknown } | null;
  session: { totals: { dials: number } };
}

async function addLead(t: TestCore, firstName: string, phone: string): Promise<number> {
  return (await t.call<{ id: number }>('contacts.add', { firstName, phone })).id;
}

async function dialAndLog(t: TestCore, contactId: number, outcome: string): Promise<Logged> {
  const call = await t.call<{ id: number }>('calls.dial', { contactId });
  return t.call<Logged>('calls.log', { callId: call.id, outcome });
}

describe("a disposition's reply carries the next screen", () => {
  it('the next lead with its history and script, equal to what asking for them would give', async () => {
    // 17:00 UTC on a Wednesday: noon in New York, inside calling hours.
    const t = makeCore(undefined, { clock: new FakeClock('2026-03-04T17:00:00Z') });
    const ana = await addLead(t, 'Ana', '+12125550143');
    t.clock.advance(60_000);
    const bo = await addLead(t, 'Bo', '+12125550144');
    const logged = await dialAndLog(t, ana, 'no_answer');
    expect(logged.next?.contact.id).toBe(bo);
    expect(logged.show?.detail).toEqual(await t.call('contacts.get', { id: bo }));
    expect(logged.show?.script).toEqual(await t.call('scripts.forCall', { contactId: bo }));
    expect(logged.show?.follow).toEqual(await t.call('follow.lead', { contactId: bo }));
    expect(logged.show?.labels).toEqual(await t.call('campaigns.ofLead', { contactId: bo }));
    // Today's numbers with this call in them: one dial, one no answer.
    expect(logged.session).toEqual(await t.call('stats.session', {}));
    expect(logged.session.totals.dials).toBe(1);
    t.core.close();
  });

  it('the same lead while its redial loop runs, and nothing when nobody can be called', async () => {
    const t = makeCore(undefined, { clock: new FakeClock('2026-03-04T17:00:00Z') });
    const ana = await addLead(t, 'Ana', '+12125550143');
    const engaged = await dialAndLog(t, ana, 'engaged');
    expect(engaged.show?.detail.contact.id).toBe(ana);
    expect(engaged.show?.detail.redial?.status).toBe('running');
    expect(engaged.show?.detail.calls[0]).toMatchObject({ id: engaged.call.id, outcome: 'engaged' });
    await t.call('redial.act', { contactId: ana, action: 'stop' });
    const last = await dialAndLog(t, ana, 'conversion');
    expect(last.next).toBeNull();
    expect(last.show).toBeNull();
    t.core.close();
  });
});

/** Every read statement the core runs while `work` runs, by its SQL and parameters, and the
 *  reads that repeat one made since the last write (nothing can have changed them since). */
async function readsRepeatedDuring(t: TestCore, work: () => Promise<unknown>): Promise<{ reads: number; repeated: string[] }> {
  const proto = Object.getPrototypeOf(t.core.db.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map(['get', 'all', 'iterate', 'run'].map((name) => [name, proto[name]!]));
  const seen = new Set<string>();
  const repeated: string[] = [];
  let reads = 0;
  for (const [name, original] of originals) {
    proto[name] = function (this: { source: string; reader: boolean }, ...args: unknown[]) {
      if (!this.reader) seen.clear();
      else {
        reads++;
        const key = `${this.source.replace(/\s+/g, ' ')} ${JSON.stringify(args)}`;
        // Re-arming a timer after the commit (the redial loop's) reads what it schedules from: the
        // scheduler's read, not the reply's.
        if (seen.has(key) && !new Error().stack!.includes('Effects.')) repeated.push(key.slice(0, 160));
        seen.add(key);
      }
      return original.apply(this, args);
    };
  }
  try {
    await work();
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
  return { reads, repeated };
}

describe("a disposition's reply reads each row once", () => {
  it('no read is repeated between writes, for the next lead and for the same lead again', async () => {
    const t = makeCore(undefined, { clock: new FakeClock('2026-03-04T17:00:00Z') });
    const ana = await addLead(t, 'Ana', '+12125550143');
    t.clock.advance(60_000);
    const bo = await addLead(t, 'Bo', '+12125550144');
    // The next lead painted from the queue's pick.
    const first = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    let logged: Logged | null = null;
    const toNext = await readsRepeatedDuring(t, async () => {
      logged = await t.call<Logged>('calls.log', { callId: first.id, outcome: 'no_answer', notes: 'Rang out.' });
    });
    expect(logged!.show?.detail.contact.id).toBe(bo);
    expect(toNext.reads).toBeGreaterThan(10);
    expect(toNext.repeated).toEqual([]);
    // The same lead again (engaged: its redial loop runs).
    const second = await t.call<{ id: number }>('calls.dial', { contactId: bo });
    const toSame = await readsRepeatedDuring(t, async () => {
      logged = await t.call<Logged>('calls.log', { callId: second.id, outcome: 'engaged' });
    });
    expect(logged!.show?.detail.contact.id).toBe(bo);
    expect(toSame.repeated).toEqual([]);
    await t.call('redial.act', { contactId: bo, action: 'stop' });
    t.core.close();
  });

  it('nor for the same lead again with its mobile offered ("try the mobile next")', async () => {
    const t = makeCore(undefined, { clock: new FakeClock('2026-03-04T17:00:00Z') });
    const csv = 'Name,Company,Phone,Mobile\nAna Mobile,Acme,+1 212 555 0901,(212) 555-0999\nBen Next,Brightline,+1 212 555 0902,\n';
    const staged = await t.call<{ stageId: string; mapping: string[] }>('imports.preview', { fileName: 'leads.csv', data: Buffer.from(csv).toString('base64') });
    await t.call('imports.run', { stageId: staged.stageId, mapping: staged.mapping });
    await t.call('settings.update', { tryMobileNext: true });
    const call = await t.call<{ id: number; contactId: number }>('calls.dial', { contactId: 1 });
    let logged: (Logged & { show: { detail: { nextDial: unknown } } | null }) | null = null;
    const reads = await readsRepeatedDuring(t, async () => {
      logged = await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    });
    expect(logged!.show?.detail.contact.id).toBe(1);
    expect(logged!.show?.detail.nextDial).toEqual({ otherPhone: 0 });
    expect(reads.repeated).toEqual([]);
    t.core.close();
  });
});

describe('the call log by pages', () => {
  it('reads every call once, newest first, through pages cut inside calls dialled at the same instant', async () => {
    const t = makeCore(undefined, { clock: new FakeClock('2026-03-04T17:00:00Z') });
    const ids = [await addLead(t, 'Ana', '+12125550143'), await addLead(t, 'Bo', '+12125550144'), await addLead(t, 'Cy', '+12125550145')];
    const db = t.core.db;
    // 50 calls straight into the log, three at each instant, so page boundaries fall inside ties.
    const insert = db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, notes) VALUES (?, 'tel:+12125550143', '+12125550143', ?, 'no_answer', ?)");
    const written: { id: number; at: number }[] = [];
    for (let i = 0; i < 50; i++) {
      const at = Date.parse('2026-03-01T10:00:00Z') + Math.floor(i / 3) * 60_000;
      written.push({ id: Number(insert.run(ids[i % 3], at, `call ${i}`).lastInsertRowid), at });
    }
    const expected = [...written].sort((a, b) => b.at - a.at || b.id - a.id).map((c) => c.id);
    const seen: number[] = [];
    let after: unknown = null;
    let first = true;
    const totals: (number | null)[] = [];
    for (let page = 0; page < 20; page++) {
      const result = await t.call<{ total: number | null; calls: { id: number }[]; next: unknown }>('calls.search', { limit: 7, after, withTotal: first });
      totals.push(result.total);
      seen.push(...result.calls.map((c) => c.id));
      first = false;
      if (result.next === null) break;
      after = result.next;
    }
    expect(seen).toEqual(expected);
    expect(totals[0]).toBe(50);
    expect(totals.slice(1).every((n) => n === null)).toBe(true);
    // One lead's calls, by pages too.
    const ofBo: number[] = [];
    after = null;
    for (;;) {
      const result = await t.call<{ calls: { id: number; contactId: number }[]; next: unknown }>('calls.search', { contactId: ids[1], limit: 4, after });
      ofBo.push(...result.calls.map((c) => c.id));
      if (result.next === null) break;
      after = result.next;
    }
    expect(ofBo).toEqual(expected.filter((id) => written.findIndex((w) => w.id === id) % 3 === 1));
    t.core.close();
  });
});

describe("the core's clock", () => {
  it('says whether it runs, and tells the screens when it jumps', async () => {
    const t = makeCore(undefined, { clock: new FakeClock('2026-03-04T17:00:00Z') });
    expect(await t.call('app.now', {})).toEqual({ now: '2026-03-04T17:00:00.000Z', rate: 0 });
    const heard: unknown[] = [];
    t.core.events.subscribe((name, payload) => name === 'clock.changed' && heard.push(payload));
    t.clock.jump(9 * 3_600_000);
    t.core.scheduler.wake();
    expect(heard).toEqual([{ now: '2026-03-05T02:00:00.000Z', rate: 0 }]);
    t.core.close();
  });
});

describe('snoozing until tomorrow', () => {
  it("is 08:00 tomorrow on the rep's clock, whatever the lead's zone", async () => {
    // 23:30 in London on 28 March: tomorrow is the 29th, the day the clocks go forward.
    const t = makeCore(undefined, { clock: new FakeClock('2026-03-28T23:30:00Z'), repZone: 'Europe/London' });
    const ana = await addLead(t, 'Ana', '+61291234567');
    await t.call('queue.act', { contactId: ana, action: 'snooze', preset: 'tomorrow' });
    const hiddenUntil = t.core.db.prepare('SELECT hidden_until FROM queue_state WHERE contact_id = ?').pluck().get(ana) as number;
    expect(hiddenUntil).toBe(DateTime.fromISO('2026-03-29T08:00', { zone: 'Europe/London' }).toMillis());
    expect(new Date(hiddenUntil).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    await t.call('queue.act', { contactId: ana, action: 'snooze', preset: 'hour' });
    expect(t.core.db.prepare('SELECT hidden_until FROM queue_state WHERE contact_id = ?').pluck().get(ana)).toBe(Date.parse('2026-03-29T00:30:00Z'));
    const both = await t.core.invoke('queue.act', { contactId: ana, action: 'snooze', preset: 'hour', until: '2026-03-30T00:00:00Z' });
    expect(both.ok).toBe(false);
    t.core.close();
  });
});
