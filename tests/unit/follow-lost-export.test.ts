import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { makeCore, unbrokenTime } from './helpers';

// The lost and stalled report's export: streamed by the export worker, read back to the rows the
// fixture makes, with formula-looking cells neutralised as every export is (a `'` before a field
// that would begin with = + - @ tab or CR; worked out by hand here, as in exports.test.ts).

const HEADER = ['kind', 'reason', 'contact_id', 'name', 'import', 'call_id', 'at', 'notes'];

describe('the lost and stalled report, exported', () => {
  it('a row per lost call in the range and per stalled lead, read back to the fixture, no live formula', async () => {
    const t = makeCore();
    const add = (firstName: string, phone: string) => t.call<{ id: number }>('contacts.add', { firstName, lastName: 'Test', phone });
    const log = async (contactId: number, request: object) => {
      const call = await t.call<{ id: number }>('calls.dial', { contactId });
      await t.call('calls.log', { callId: call.id, ...request });
      return call.id;
    };
    // The reasons are the desk's to edit: one that looks like a formula.
    await t.call('settings.update', { notInterestedReasons: ['No budget', 'No need', '=HYPERLINK("http://x.example","y")'] });
    const [ana, ben, cy, dee] = [await add('Ana', '+1 212 555 0101'), await add('=Ben', '+1 212 555 0102'), await add('Cy', '+1 212 555 0103'), await add('Dee', '+1 212 555 0104')];
    // Monday 2 March 17:00Z: Ana's lost call is before the range and left out.
    await log(ana.id, { outcome: 'not_interested', reason: 'No budget', notes: 'before the range' });
    t.clock.advance(86_400_000); // Tuesday 3 March 17:00Z
    const benCall = await log(ben.id, { outcome: 'not_interested', reason: '=HYPERLINK("http://x.example","y")', notes: '@SUM(A1:A9) froze spending' });
    t.clock.advance(60_000);
    const cyCall = await log(cy.id, { outcome: 'not_interested', reason: 'No need', notes: 'uses paper, -2+3 reps' });
    // Dee agreed a proposal review for Wednesday 4 March 15:00Z (10:00 in New York); nobody
    // calls; on Monday 9 March it is stalled.
    const deeCall = await log(dee.id, { outcome: 'advance', nextStep: '+proposal review', nextAt: '2026-03-04T15:00:00Z', notes: 'wants it in writing' });
    t.clock.advance(Date.parse('2026-03-09T16:00:00Z') - t.clock.now().getTime());

    const result = await t.call<{ path: string; rows: number }>('exports.write', { what: 'lost', from: '2026-03-03T00:00:00Z', to: '2026-03-10T00:00:00Z' });
    expect(result.path).toMatch(/dialdeck-lost-and-stalled-20260309-1600\.csv$/);
    expect(result.rows).toBe(3);
    const text = fs.readFileSync(result.path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
    // The file's time has its date and zone, in the OS locale (Intl asked directly here).
    const dueInNewYork = unbrokenTime(new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: 'America/New_York' }).format(Date.parse('2026-03-04T15:00:00Z')));
    expect(parsed).toEqual([
      HEADER,
      ['lost', `'=HYPERLINK("http://x.example","y")`, String(ben.id), "'=Ben Test", '(added by hand)', String(benCall), '2026-03-03T17:00:00.000Z', "'@SUM(A1:A9) froze spending"],
      ['lost', 'No need', String(cy.id), 'Cy Test', '(added by hand)', String(cyCall), '2026-03-03T17:01:00.000Z', 'uses paper, -2+3 reps'],
      // Mid-cell after a space, + is no formula and is left as it is.
      ['stalled', `next step slipped: +proposal review was due ${dueInNewYork}`, String(dee.id), 'Dee Test', '(added by hand)', String(deeCall), '2026-03-04T15:00:00.000Z', 'wants it in writing'],
    ]);
    // Read with any list separator, no field starts a formula.
    for (const delimiter of [',', ';', '\t']) {
      const fields = Papa.parse<string[]>(text.slice(1), { delimiter, newline: '\r\n' }).data.flat();
      expect(fields.filter((f) => /^[=+\-@\t\r]/.test(f)), `read with ${JSON.stringify(delimiter)}`).toEqual([]);
    }
    // The same rows as the report the CLI prints.
    const report = t.core.follow.lostReport(Date.parse('2026-03-03T00:00:00Z'), Date.parse('2026-03-10T00:00:00Z'));
    expect(report.lost.calls.map((c) => String(c.callId))).toEqual(parsed.slice(1, 3).map((r) => r[5]));
    expect(report.stalled.leads.map((l) => String(l.callId))).toEqual([parsed[3]![5]]);

    await expect(t.call('exports.write', { what: 'lost', from: '2026-03-10T00:00:00Z', to: '2026-03-03T00:00:00Z' })).rejects.toThrow(/start must be before its end/);
    t.core.close();
  });
});

describe('a stalled lead the rep has dealt with', () => {
  it('leaves the export as it leaves the report on screen', async () => {
    const t = makeCore();
    const dee = await t.call<{ id: number }>('contacts.add', { firstName: 'Dee', lastName: 'Test', phone: '+1 212 555 0104' });
    const call = await t.call<{ id: number }>('calls.dial', { contactId: dee.id });
    await t.call('calls.log', { callId: call.id, outcome: 'advance', nextStep: 'proposal review', nextAt: '2026-03-04T15:00:00Z' });
    t.clock.advance(Date.parse('2026-03-09T16:00:00Z') - t.clock.now().getTime());
    const range = { from: '2026-03-01T00:00:00Z', to: '2026-03-10T00:00:00Z' };
    const stalledRows = async () => {
      const written = await t.call<{ path: string }>('exports.write', { what: 'lost', ...range });
      return Papa.parse<string[]>(fs.readFileSync(written.path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.filter((row) => row[0] === 'stalled').length;
    };
    const onScreen = async () => (await t.call<{ stalled: { total: number } }>('follow.lostReport', range)).stalled.total;
    expect([await onScreen(), await stalledRows()]).toEqual([1, 1]);
    await t.call('stalled.close', { contactId: dee.id, reason: '1' });
    expect([await onScreen(), await stalledRows()]).toEqual([0, 0]);
    t.core.close();
  });
});
