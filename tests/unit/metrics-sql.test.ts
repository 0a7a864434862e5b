// Property: for random call logs, the SQL aggregates (electron/core/metrics/repo.ts, through
// the handlers) equal the plain fold over the same calls in JavaScript (shared/domain/metrics.ts
// `tally`, grouped here with luxon). Run on a call log without the undone/direction columns
// (before #13) and with them (after).
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTCOMES, type Outcome } from '../../shared/domain/dispositions';
import { EMPTY_TOTALS, localSlot, tally, type MeasuredCall } from '../../shared/domain/metrics';
import type { ResponseOf } from '../../shared/ipc/contract';
import { makeCore, type TestCore } from './helpers';

const ZONES = ['America/New_York', 'America/St_Johns', 'Australia/Adelaide', 'Asia/Kolkata', 'America/Los_Angeles', ''];
const REP_ZONE = 'Europe/London';
// Four weeks around the March 2026 DST changes (US 8 March, UK 29 March).
const START = Date.parse('2026-03-01T00:00:00Z');
const SPAN = 28 * 86_400_000;

interface GeneratedCall {
  contact: number;
  offset: number;
  outcome: Outcome | null;
  inbound: boolean;
  undone: boolean;
  dialFailed: boolean;
  redial: boolean;
  talk: number | null;
  /** An inbound call from the same lead this long after (where the log has directions): the
   *  voicemail-return rule's edges (the 5th and 6th business day) come up often. */
  followedAfter: number | null;
}

const callArb = fc.record({
  contact: fc.integer({ min: 0, max: ZONES.length * 2 - 1 }),
  offset: fc.integer({ min: 0, max: SPAN - 1 }),
  outcome: fc.option(fc.oneof({ arbitrary: fc.constant<Outcome>('voicemail_left'), weight: 3 }, { arbitrary: fc.constantFrom(...OUTCOMES), weight: 5 }), { freq: 8 }),
  inbound: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  undone: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  dialFailed: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  redial: fc.boolean(),
  talk: fc.option(fc.integer({ min: 0, max: 3600 })),
  followedAfter: fc.option(fc.oneof(fc.integer({ min: 4 * 86_400_000, max: 10 * 86_400_000 }), fc.integer({ min: 1, max: 10 * 86_400_000 })), { freq: 5 }),
});

function setUp(withNewColumns: boolean) {
  const t = makeCore(undefined, { repZone: REP_ZONE });
  const db = t.core.db;
  // undone_at and direction are in the schema (#13, migrations 012 and 023); the older shape, a
  // log with only outbound calls, is had by dropping the direction column.
  if (!withNewColumns) db.exec('ALTER TABLE calls DROP COLUMN direction;');
  const contactIds: number[] = [];
  const zoneOf = new Map<number, string>();
  for (let i = 0; i < ZONES.length * 2; i++) {
    const zone = ZONES[i % ZONES.length]!;
    const id = Number(db.prepare("INSERT INTO contacts (first_name, phone_raw, e164, time_zones, created_at, updated_at) VALUES ('Lead', ?, ?, ?, 0, 0)").run(`+1415555${1000 + i}`, `+1415555${1000 + i}`, zone).lastInsertRowid);
    contactIds.push(id);
    zoneOf.set(id, zone || 'UTC');
  }
  return { t, db, contactIds, zoneOf, withNewColumns };
}

type Fixture = ReturnType<typeof setUp>;

function load(f: Fixture, generated: readonly GeneratedCall[]): MeasuredCall[] {
  f.db.exec('DELETE FROM calls');
  const insert = f.withNewColumns
    ? f.db.prepare(
        "INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, loop_id, dial_failure, talk_seconds_reported, direction, undone_at) VALUES (?, 'tel:x', 'x', ?, ?, ?, ?, ?, ?, ?)",
      )
    : f.db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, loop_id, dial_failure, talk_seconds_reported) VALUES (?, 'tel:x', 'x', ?, ?, ?, ?, ?)");
  const withFollowers = generated.flatMap((g) =>
    g.followedAfter === null || !f.withNewColumns ? [g] : [g, { ...g, offset: g.offset + g.followedAfter, outcome: 'conversation' as const, inbound: true, undone: false, dialFailed: false, followedAfter: null }],
  );
  return withFollowers.map((g) => {
    const contactId = f.contactIds[g.contact]!;
    const at = START + g.offset;
    const inbound = f.withNewColumns && g.inbound;
    const undone = f.withNewColumns && g.undone;
    const common = [contactId, at, g.outcome, g.redial ? 1 : null, g.dialFailed ? 'refused' : null, g.talk];
    const id = Number((f.withNewColumns ? insert.run(...common, inbound ? 'inbound' : 'outbound', undone ? at + 60_000 : null) : insert.run(...common)).lastInsertRowid);
    return { id, contactId, at, outcome: g.outcome, direction: inbound ? 'inbound' : 'outbound', undone, dialFailed: g.dialFailed, redial: g.redial, talkSeconds: g.talk, zone: f.zoneOf.get(contactId)!, importId: null };
  });
}

const fixtures: Fixture[] = [];
afterAll(() => fixtures.forEach((f) => f.t.core.close()));

describe.each([false, true])('SQL aggregates equal the fold over the calls (undone/direction columns: %s)', (withNewColumns) => {
  const f = setUp(withNewColumns);
  fixtures.push(f);
  const t: TestCore = f.t;

  it('for the range, per rep day, per rep hour and per heat-map cell', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.noBias(callArb), { minLength: 10, maxLength: 80 }), fc.integer({ min: 0, max: SPAN - 1 }), fc.integer({ min: 1, max: SPAN }), async (generated, fromOffset, length) => {
        const calls = load(f, generated);
        const from = START + fromOffset;
        const to = from + length;
        const inRange = calls.filter((c) => c.at >= from && c.at < to);
        const iso = (ms: number) => new Date(ms).toISOString();

        const byDay = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { from: iso(from), to: iso(to), by: 'day' });
        expect(byDay.totals).toEqual(tally(inRange, calls));
        const dayOf = (c: MeasuredCall) => DateTime.fromMillis(c.at, { zone: REP_ZONE }).toISODate()!;
        for (const group of byDay.groups) expect(group.totals, group.key).toEqual(tally(inRange.filter((c) => dayOf(c) === group.key), calls));
        expect(byDay.groups.reduce((n, g) => n + g.totals.dials, 0)).toBe(tally(inRange, calls).dials);

        const byHour = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { from: iso(from), to: iso(to), by: 'hour' });
        const hourOf = (c: MeasuredCall) => DateTime.fromMillis(c.at, { zone: REP_ZONE }).hour;
        for (const group of byHour.groups) expect(group.totals, group.key).toEqual(tally(inRange.filter((c) => hourOf(c) === Number(group.key)), calls));

        for (const metric of ['connect', 'voicemail-return'] as const) {
          const map = await t.call<ResponseOf<'stats.heatmap'>>('stats.heatmap', { metric, from: iso(from), to: iso(to) });
          const cellCalls = new Map<string, MeasuredCall[]>();
          for (const c of inRange) {
            const { weekday, hour } = localSlot(c.at, c.zone);
            const key = `${weekday}/${hour}`;
            cellCalls.set(key, [...(cellCalls.get(key) ?? []), c]);
          }
          for (const cell of map.cells) {
            const members = cellCalls.get(`${cell.weekday}/${cell.hour}`);
            const want = members ? tally(members, calls) : EMPTY_TOTALS;
            if (metric === 'connect') expect([cell.calls, cell.hits], `${cell.weekday}/${cell.hour}`).toEqual([want.dials, want.connects]);
            else expect([cell.calls, cell.hits], `${cell.weekday}/${cell.hour}`).toEqual([want.voicemails, want.voicemailsReturned]);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
