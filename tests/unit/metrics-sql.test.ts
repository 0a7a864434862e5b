// Property: for random call logs, the SQL aggregates (electron/core/metrics/repo.ts, through
// the handlers) equal the plain fold over the same calls in JavaScript (shared/domain/metrics.ts
// `tally`, grouped here with luxon). Run on a call log without the undone/direction columns
// (before #13) and with them (after); and three ways the kept counts (call_tallies, migration
// 027) come to be: kept as the calls are written, moved by later writes (calls undone and
// deleted after they were counted), and counted in the background for a log from before them.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTCOMES, type Outcome } from '../../shared/domain/dispositions';
import { EMPTY_TOTALS, localSlot, tally, type MeasuredCall } from '../../shared/domain/metrics';
import type { ResponseOf } from '../../shared/ipc/contract';
import { makeCore, type TestCore } from './helpers';
import { countingProgress, countSomeCalls, placeSomeCalls } from '../../electron/core/metrics/service';

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
  /** The rep's hang-up (H) and the disposition, this long after the dial (the talk time where no
   *  phone reported one), and an inbound call's logged length: around the half second's rounding. */
  hungUpAfter: number | null;
  endedAfter: number | null;
  logged: number | null;
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
  talk: fc.option(fc.integer({ min: 0, max: 3600 }), { freq: 2 }),
  hungUpAfter: fc.option(fc.oneof(fc.integer({ min: 0, max: 3_600_000 }), fc.constantFrom(0, 499, 500, 1499, 1500, 90_000)), { freq: 2 }),
  endedAfter: fc.option(fc.integer({ min: 0, max: 3_600_000 }), { freq: 4 }),
  logged: fc.option(fc.integer({ min: 0, max: 3600 })),
  followedAfter: fc.option(fc.oneof(fc.integer({ min: 4 * 86_400_000, max: 10 * 86_400_000 }), fc.integer({ min: 1, max: 10 * 86_400_000 })), { freq: 5 }),
});

function setUp(withNewColumns: boolean) {
  const t = makeCore(undefined, { repZone: REP_ZONE });
  const db = t.core.db;
  // undone_at and direction are in the schema (#13, migrations 012 and 023); the older shape, a
  // log with only outbound calls, is had by dropping the direction column (and the later index
  // of attempts that names it, migration 036).
  if (!withNewColumns) db.exec('DROP INDEX calls_attempts; ALTER TABLE calls DROP COLUMN direction;');
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
        "INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, loop_id, dial_failure, talk_seconds_reported, direction, undone_at, hung_up_at, ended_at, talk_seconds_logged) VALUES (?, 'tel:x', 'x', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    const hungUpAt = g.hungUpAfter === null ? null : at + g.hungUpAfter;
    const endedAt = g.endedAfter === null ? null : at + g.endedAfter;
    const id = Number(
      (f.withNewColumns ? insert.run(...common, inbound ? 'inbound' : 'outbound', undone ? at + 60_000 : null, hungUpAt, endedAt, g.logged) : insert.run(...common)).lastInsertRowid,
    );
    const timed = f.withNewColumns ? { loggedTalkSeconds: g.logged, talkEndAt: hungUpAt ?? endedAt } : {};
    return { id, contactId, at, outcome: g.outcome, direction: inbound ? 'inbound' : 'outbound', undone, dialFailed: g.dialFailed, redial: g.redial, talkSeconds: g.talk, zone: f.zoneOf.get(contactId)!, importId: null, ...timed };
  });
}

const fixtures: Fixture[] = [];
afterAll(() => fixtures.forEach((f) => f.t.core.close()));

type Way = 'kept as written' | 'moved by later writes' | 'counted in the background';
const WAYS: [boolean, Way][] = [
  [false, 'kept as written'],
  [true, 'kept as written'],
  [true, 'moved by later writes'],
  [false, 'counted in the background'],
  [true, 'counted in the background'],
];

/** Forget the kept counts and the places, as in a log from before migrations 018 and 027. */
function asAnOlderLog(f: Fixture): void {
  f.db.exec(`DELETE FROM call_tallies; DELETE FROM call_tally_pending;
    UPDATE calls SET tally_mask = NULL, tally_talk = NULL, tally_import = NULL, local_slot = NULL, local_day = NULL;
    UPDATE call_tally_backfill SET below = (SELECT coalesce(max(id) + 1, 0) FROM calls), total = (SELECT count(*) FROM calls);`);
}

describe.each(WAYS)('SQL aggregates equal the fold over the calls (undone/direction columns: %s; %s)', (withNewColumns, way) => {
  const f = setUp(withNewColumns);
  fixtures.push(f);
  const t: TestCore = f.t;

  it('for the range, per rep day, per rep hour and per heat-map cell', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.noBias(callArb), { minLength: 10, maxLength: 80 }),
        fc.integer({ min: 0, max: SPAN - 1 }),
        fc.integer({ min: 1, max: SPAN }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (generated, fromOffset, length, laterPicks) => {
        let calls = load(f, generated);
        const from = START + fromOffset;
        const to = from + length;
        const iso = (ms: number) => new Date(ms).toISOString();
        if (way === 'moved by later writes') {
          // Counted first, then some calls undone and some deleted: the kept counts follow.
          await t.call('stats.summary', { from: iso(START), to: iso(START + SPAN) });
          const undone = new Set<number>();
          const deleted = new Set<number>();
          // And some marked hung up later (a phone's late report): their talk time moves.
          const hungUp = new Set<number>();
          laterPicks.forEach((pick, n) => (n % 3 === 2 ? deleted : n % 3 === 1 ? hungUp : undone).add(calls[pick % calls.length]!.id));
          for (const id of undone) f.db.prepare('UPDATE calls SET undone_at = ? WHERE id = ? AND undone_at IS NULL').run(START + SPAN, id);
          for (const id of hungUp) f.db.prepare('UPDATE calls SET hung_up_at = dialed_at + 42000 WHERE id = ?').run(id);
          for (const id of deleted) f.db.prepare('DELETE FROM calls WHERE id = ?').run(id);
          calls = calls
            .filter((c) => !deleted.has(c.id))
            .map((c) => (undone.has(c.id) && !c.undone ? { ...c, undone: true } : c))
            .map((c) => (hungUp.has(c.id) ? { ...c, talkEndAt: c.at + 42_000 } : c));
        }
        if (way === 'counted in the background') {
          asAnOlderLog(f);
          expect(countingProgress(f.db)).not.toBeNull();
          // In small chunks, as the app's background task does.
          while (placeSomeCalls(f.db, 7) === 7);
          while (countSomeCalls(f.db, 7));
          expect(countingProgress(f.db)).toBeNull();
        }
        const inRange = calls.filter((c) => c.at >= from && c.at < to);

        const byDay = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { from: iso(from), to: iso(to), by: 'day' });
        expect(byDay.counting).toBeNull();
        expect(byDay.totals).toEqual(tally(inRange, calls));
        const dayOf = (c: MeasuredCall) => DateTime.fromMillis(c.at, { zone: REP_ZONE }).toISODate()!;
        for (const group of byDay.groups) expect(group.totals, group.key).toEqual(tally(inRange.filter((c) => dayOf(c) === group.key), calls));
        expect(byDay.groups.reduce((n, g) => n + g.totals.dials, 0)).toBe(tally(inRange, calls).dials);

        const byHour = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { from: iso(from), to: iso(to), by: 'hour' });
        const hourOf = (c: MeasuredCall) => DateTime.fromMillis(c.at, { zone: REP_ZONE }).hour;
        for (const group of byHour.groups) expect(group.totals, group.key).toEqual(tally(inRange.filter((c) => hourOf(c) === Number(group.key)), calls));

        // The whole log, whole hours only: every number from the kept counts.
        const whole = await t.call<ResponseOf<'stats.summary'>>('stats.summary', { from: iso(START), to: iso(START + SPAN + 11 * 86_400_000) });
        expect(whole.totals).toEqual(tally(calls, calls));

        for (const metric of ['connect', 'voicemail-return'] as const) {
          for (const range of [{ from: iso(from), to: iso(to) }, {}]) {
            const members = Object.keys(range).length === 0 ? calls : inRange;
            const map = await t.call<ResponseOf<'stats.heatmap'>>('stats.heatmap', { metric, ...range });
            const cellCalls = new Map<string, MeasuredCall[]>();
            for (const c of members) {
              const { weekday, hour } = localSlot(c.at, c.zone);
              const key = `${weekday}/${hour}`;
              cellCalls.set(key, [...(cellCalls.get(key) ?? []), c]);
            }
            for (const cell of map.cells) {
              const inCell = cellCalls.get(`${cell.weekday}/${cell.hour}`);
              const want = inCell ? tally(inCell, calls) : EMPTY_TOTALS;
              if (metric === 'connect') expect([cell.calls, cell.hits], `${cell.weekday}/${cell.hour}`).toEqual([want.dials, want.connects]);
              else expect([cell.calls, cell.hits], `${cell.weekday}/${cell.hour}`).toEqual([want.voicemails, want.voicemailsReturned]);
            }
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('a log from before the kept counts', () => {
  it('is summed from the calls, with its progress, until the background count is done', async () => {
    const f = setUp(false);
    fixtures.push(f);
    const calls = load(f, [0, 1, 2, 3].map((n) => ({ contact: n, offset: n * 3_600_000, outcome: 'conversation', inbound: false, undone: false, dialFailed: false, redial: false, talk: 60, hungUpAfter: null, endedAfter: null, logged: null, followedAfter: null })));
    asAnOlderLog(f);
    const summed = await f.t.call<ResponseOf<'stats.summary'>>('stats.summary', { from: new Date(START).toISOString(), to: new Date(START + SPAN).toISOString() });
    expect(summed.counting).toEqual({ done: 0, total: 4 });
    expect(summed.totals).toEqual(tally(calls, calls));
  });
});

describe('a call whose lead came to belong to an import since it was counted', () => {
  it('moves out of "Added by hand" and into the import when it is counted again', async () => {
    const t = makeCore();
    const db = t.core.db;
    const importId = Number(
      db.prepare("INSERT INTO imports (file_name, encoding, delimiter, headers, mapping, on_duplicate, country, started_at) VALUES ('spring.csv', 'utf-8', ',', '[]', '{}', 'skip', 'US', 0)").run().lastInsertRowid,
    );
    const lead = Number(db.prepare("INSERT INTO contacts (first_name, phone_raw, e164, time_zones, created_at, updated_at) VALUES ('Ana', '+14155550100', '+14155550100', 'America/New_York', 0, 0)").run().lastInsertRowid);
    const at = Date.parse('2026-03-03T15:00:00Z');
    const call = Number(db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, direction) VALUES (?, 'tel:x', '+14155550100', ?, 'no_answer', 'outbound')").run(lead, at).lastInsertRowid);
    const range = { from: '2026-03-03T00:00:00Z', to: '2026-03-04T00:00:00Z', by: 'import' as const };
    const byImport = async () => (await t.call<ResponseOf<'stats.summary'>>('stats.summary', range)).groups.map((g) => [g.label, g.totals.dials, g.totals.voicemails]);
    // Counted as the lead's own: one dial, added by hand.
    expect(await byImport()).toEqual([['Added by hand', 1, 0]]);
    // The lead is the import's now (written behind the app's back); the call's outcome changes, so
    // it is counted again: its dial leaves "Added by hand" whole, and the voicemail goes with it.
    db.prepare('UPDATE contacts SET import_id = ? WHERE id = ?').run(importId, lead);
    db.prepare("UPDATE calls SET outcome = 'voicemail_left' WHERE id = ?").run(call);
    expect(await byImport()).toEqual([['spring.csv', 1, 1]]);
    t.core.close();
  });
});
