import { describe, expect, it } from 'vitest';
import { OUTCOMES, type Outcome } from '../../shared/domain/dispositions';
import { UNDO_TABLES } from '../../electron/core/calls/undoRepo';
import { countLostCalls } from '../../electron/core/follow/repo';
import { FakeClock, RecordingNotifier } from '../../electron/core/testing';
import { makeCore, tempDir, type TestCore } from './helpers';

// Undo of a disposition, held to the rows in SQLite: for every outcome, every table a disposition
// can touch reads back exactly as it did before the disposition (the call itself stays, marked
// undone); and the refusals say why.

const MIN = 60_000;
const TABLES = ['contacts', 'queue_state', 'dnc', 'tasks', 'redial_loops', 'note_drafts'] as const;

/** Every row of every table the undo promises to put back, straight from SQLite. */
function state(t: TestCore): Record<string, unknown[]> {
  const db = t.core.db;
  return Object.fromEntries(TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));
}

interface UndoReply {
  status: 'undone' | 'confirm';
  message: string;
  call?: { id: number; outcome: string; undoneAt: string | null };
}

const DETAIL: ReadonlyMap<Outcome, object> = new Map<Outcome, object>([
  ['advance', { nextStep: 'Demo with their CFO', nextAt: '2026-03-05T15:00:00Z' }],
  ['callback_requested', { callbackAt: '2026-03-02T20:00:00Z' }],
  ['not_interested', { reason: 'No budget' }],
]);

async function setUp() {
  const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-02T17:00:00Z') });
  const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0101' })).id;
  // Ben shares Ana's number behind another extension, as an import keeps such colleagues apart
  // (a do-not-call on the number blocks him too); Cy is another lead.
  const ben = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', lastName: 'Ode', phone: '+1 212 555 0102' })).id;
  t.core.db.prepare("UPDATE contacts SET e164 = '+12125550101', extension = '12' WHERE id = ?").run(ben);
  await t.call<{ id: number }>('contacts.add', { firstName: 'Cy', lastName: 'Lee', phone: '+1 212 555 0199' });
  // Pinned before the call (a disposition ends pins), with notes typed during it.
  await t.call('queue.act', { contactId: ana, action: 'pin' });
  return { t, ana, ben };
}

describe('undo of a disposition, for every outcome', () => {
  for (const outcome of OUTCOMES) {
    it(`${outcome}: every row it changed is exactly as before, the call stays marked undone`, async () => {
      const { t, ana } = await setUp();
      const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
      await t.call('calls.draft', { contactId: ana, text: 'asked about pricing' });
      t.clock.advance(2 * MIN);
      const before = state(t);
      await t.call('calls.log', { callId: call.id, outcome, notes: 'n', ...DETAIL.get(outcome) });
      expect(state(t)).not.toEqual(before);
      // From here, every write of a column with the value it already held is recorded: the undo
      // writes back only what the disposition changed (rewriting a whole lead re-indexed it for
      // search and dirtied a page per index, each synced).
      const db = t.core.db;
      db.exec('CREATE TEMP TABLE idle_writes (tbl TEXT, col TEXT)');
      for (const table of UNDO_TABLES) {
        for (const column of table.columns) {
          db.exec(`CREATE TEMP TRIGGER idle_${table.name}_${column} AFTER UPDATE OF ${column} ON main.${table.name} WHEN OLD.${column} IS NEW.${column} BEGIN INSERT INTO idle_writes VALUES ('${table.name}', '${column}'); END`);
        }
      }
      // Before an engaged line's redial countdown (30 s) has dialled again.
      t.clock.advance(10_000);
      let reply = await t.call<UndoReply>('calls.undo', { callId: call.id });
      if (outcome === 'do_not_call') {
        // Asked first; nothing changes until confirmed.
        expect(reply.status).toBe('confirm');
        expect(reply.message).toContain('+1 212 555 0101 comes off the do-not-call list');
        reply = await t.call<UndoReply>('calls.undo', { callId: call.id, confirm: true });
      }
      expect(reply.status).toBe('undone');
      expect(state(t)).toEqual(before);
      expect(db.prepare('SELECT tbl, col FROM idle_writes').all()).toEqual([]);
      const logged = t.core.db.prepare('SELECT outcome, undone_at FROM calls WHERE id = ?').get(call.id);
      expect(logged).toEqual({ outcome, undone_at: Date.parse('2026-03-02T17:02:10Z') });
      expect(reply.call).toMatchObject({ id: call.id, outcome, undoneAt: '2026-03-02T17:02:10.000Z' });
      // Undone once only.
      expect(await t.core.invoke('calls.undo', { callId: call.id, confirm: true })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('already undone') } });
      t.core.close();
    });
  }
});

describe('what undo refuses, and why', () => {
  it('a do-not-call after its window (a setting, 10 minutes by default): the number stays listed', async () => {
    const { t, ana, ben } = await setUp();
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.log', { callId: call.id, outcome: 'do_not_call' });
    t.clock.advance(10 * MIN + 1000);
    const refused = await t.core.invoke('calls.undo', { callId: call.id, confirm: true });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'A do-not-call can only be undone within 10 minutes of logging it; this one was logged 10 minutes ago, so +1 212 555 0101 stays on the do-not-call list.' },
    });
    expect(t.core.db.prepare('SELECT count(*) AS n FROM dnc').get()).toEqual({ n: 1 });
    expect(t.core.db.prepare('SELECT blocked FROM queue_state WHERE contact_id = ?').get(ben)).toEqual({ blocked: 'dnc' });
    // A longer window set by the desk lets it through.
    await t.call('settings.update', { undoDoNotCallMinutes: 30 });
    expect(await t.call<UndoReply>('calls.undo', { callId: call.id, confirm: true })).toMatchObject({ status: 'undone' });
    expect(t.core.db.prepare('SELECT count(*) AS n FROM dnc').get()).toEqual({ n: 0 });
    expect(t.core.db.prepare('SELECT blocked FROM queue_state WHERE contact_id = ?').get(ben)).toEqual({ blocked: null });
    t.core.close();
  });

  it('a disposition followed by another call on the lead', async () => {
    const { t, ana } = await setUp();
    const first = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.log', { callId: first.id, outcome: 'no_answer' });
    const second = await t.call<{ id: number }>('calls.dial', { contactId: ana, override: true });
    const refused = await t.core.invoke('calls.undo', { callId: first.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: `Cannot undo No answer (call #${first.id}): the lead was called again after it (call #${second.id} at 2026-03-02T17:00:00.000Z), and undoing would overwrite what that call changed.` } });
    t.core.close();
  });

  it('a disposition whose lead was changed since (pinned again)', async () => {
    const { t, ana } = await setUp();
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.log', { callId: call.id, outcome: 'conversation' });
    await t.call('queue.act', { contactId: ana, action: 'pin' });
    const before = state(t);
    const refused = await t.core.invoke('calls.undo', { callId: call.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('its place in the queue (pinned, snoozed, skipped or rescheduled) changed since it was logged') } });
    expect(state(t)).toEqual(before);
    t.core.close();
  });

  it('a call with no disposition', async () => {
    const { t, ana } = await setUp();
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    expect(await t.core.invoke('calls.undo', { callId: call.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('has no disposition that can be undone') } });
    t.core.close();
  });
});

describe('the undo snapshot covers the schema', () => {
  it('names every stored column of every table it puts back', () => {
    const t = makeCore(tempDir());
    for (const table of UNDO_TABLES) {
      const stored = (t.core.db.prepare(`PRAGMA table_xinfo(${table.name})`).all() as { name: string; hidden: number }[]).filter((c) => c.hidden === 0).map((c) => c.name);
      expect([...table.columns].sort(), table.name).toEqual(stored.sort());
    }
    t.core.close();
  });
});

describe('undo writes back only what the disposition changed', () => {
  it('a row in the snapshot that the disposition left alone (a colleague on the same number) is not written again', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-02T17:00:00Z') });
    const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0100 ext. 11' })).id;
    const ben = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', lastName: 'Moss', phone: '+1 212 555 0199' })).id;
    const db = t.core.db;
    // Colleagues behind one switchboard (as an import keeps them): one number, two extensions.
    db.prepare("UPDATE contacts SET e164 = '+12125550100', extension = '12' WHERE id = ?").run(ben);
    db.exec('CREATE TABLE rewritten (contact_id INTEGER)');
    db.exec('CREATE TRIGGER queue_rewritten AFTER UPDATE ON queue_state BEGIN INSERT INTO rewritten VALUES (new.contact_id); END');
    const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
    await t.call('calls.log', { callId: call.id, outcome: 'no_answer' });
    db.exec('DELETE FROM rewritten');
    const before = db.prepare('SELECT * FROM queue_state WHERE contact_id = ?').get(ben);
    await t.call('calls.undo', { callId: call.id, confirm: true });
    const written = (db.prepare('SELECT contact_id FROM rewritten').all() as { contact_id: number }[]).map((r) => r.contact_id);
    // Ana's row goes back; Ben's (in the snapshot: same number) was never changed, so never written.
    expect(written).toContain(ana);
    expect(written).not.toContain(ben);
    expect(db.prepare('SELECT * FROM queue_state WHERE contact_id = ?').get(ben)).toEqual(before);
    t.core.close();
  });
});

/** Ana, added and dialled at Monday 17:00 UTC: the call waits for its disposition. */
async function anaOnACall() {
  const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-02T17:00:00Z') });
  const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0101' })).id;
  const call = await t.call<{ id: number }>('calls.dial', { contactId: ana });
  return { t, ana, call };
}

describe('undo and a notes draft typed since', () => {
  it('is refused rather than writing the cleared draft over the new one', async () => {
    const { t, ana, call } = await anaOnACall();
    await t.call('calls.draft', { contactId: ana, text: 'typed during the call' });
    // Engaged keeps the lead on screen: the logged notes leave the box, and the rep types on.
    await t.call('calls.log', { callId: call.id, outcome: 'engaged', notes: 'typed during the call' });
    t.clock.advance(5_000);
    await t.call('calls.draft', { contactId: ana, text: 'typed after it' });
    const refused = await t.core.invoke('calls.undo', { callId: call.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toContain('its notes draft changed since it was logged');
    expect(t.core.db.prepare('SELECT text FROM note_drafts WHERE contact_id = ?').pluck().get(ana)).toBe('typed after it');
    // With the new draft gone (sent or cleared), the undo goes through and the old one is back.
    await t.call('calls.draft', { contactId: ana, text: '' });
    expect(await t.call<{ status: string }>('calls.undo', { callId: call.id })).toMatchObject({ status: 'undone' });
    expect(t.core.db.prepare('SELECT text FROM note_drafts WHERE contact_id = ?').pluck().get(ana)).toBe('typed during the call');
    t.core.close();
  });
});

describe('undoing a do-not-call', () => {
  it('frees a lead added on the number since, whom the listing blocked too', async () => {
    const { t, ana, call } = await anaOnACall();
    await t.call('calls.log', { callId: call.id, outcome: 'do_not_call' });
    t.clock.advance(MIN);
    const ben = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ben', lastName: 'Ode', phone: '+1 212 555 0101' })).id;
    const blocked = (id: number) => t.core.db.prepare('SELECT blocked FROM queue_state WHERE contact_id = ?').pluck().get(id);
    expect(blocked(ben)).toBe('dnc');
    await t.call('calls.undo', { callId: call.id, confirm: true });
    expect([blocked(ana), blocked(ben)]).toEqual([null, null]);
    const offered = await t.call<{ entries: { contact: { id: number } }[] }>('queue.list', {});
    expect(offered.entries.map((e) => e.contact.id).sort()).toEqual([ana, ben].sort());
    t.core.close();
  });
  it.each([
    ['a do-not-call file', 'from the file registry.csv'],
    ['the rep by hand', 'added by hand'],
  ])('keeps the number listed when %s listed it again since, and says so', async (_who, words) => {
    const { t, ana, call } = await anaOnACall();
    await t.call('calls.log', { callId: call.id, outcome: 'do_not_call' });
    const number = t.core.db.prepare('SELECT e164 FROM contacts WHERE id = ?').pluck().get(ana) as string;
    t.clock.advance(MIN);
    if (words.startsWith('from the file')) {
      await t.call('dnc.import', { fileName: 'registry.csv', data: Buffer.from(`phone\n${number}\n`).toString('base64') });
    } else {
      await t.call('dnc.add', { phone: number });
    }
    const refused = await t.core.invoke('calls.undo', { callId: call.id, confirm: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`was put on the do-not-call list again since (${words}), so it stays listed`) as string } });
    expect(t.core.db.prepare('SELECT e164 FROM dnc').pluck().all()).toEqual([number]);
    expect((await t.core.invoke('calls.dial', { contactId: ana })).ok).toBe(false);
    t.core.close();
  });
});

describe('an undone disposition counts nowhere afterwards', () => {
  const emailTasks = (t: TestCore, contactId: number) => t.core.db.prepare("SELECT title FROM tasks WHERE contact_id = ? AND kind = 'email'").pluck().all(contactId);

  it('not as the lead’s earlier conversation (the confirmation email), a lost call, or a slipped next step', async () => {
    const t = makeCore(tempDir(), { clock: new FakeClock('2026-03-02T17:00:00Z') });
    const add = async (firstName: string, phone: string) => (await t.call<{ id: number }>('contacts.add', { firstName, lastName: 'Test', phone })).id;
    const logOn = async (contactId: number, request: object) => {
      const call = await t.call<{ id: number }>('calls.dial', { contactId, override: true });
      await t.call('calls.log', { callId: call.id, ...request });
      return call.id;
    };
    // A conversation logged on the wrong lead and undone; then the real first conversation. A
    // lead with only the real one is what it must look like.
    const ana = await add('Ana', '+1 212 555 0101');
    const control = await add('Cy', '+1 212 555 0199');
    await t.call('calls.undo', { callId: await logOn(ana, { outcome: 'conversation' }) });
    expect(emailTasks(t, ana)).toEqual([]);
    t.clock.advance(20 * MIN);
    await logOn(ana, { outcome: 'conversation' });
    await logOn(control, { outcome: 'conversation' });
    expect(emailTasks(t, control)).not.toEqual([]);
    expect(emailTasks(t, ana)).toEqual(emailTasks(t, control));

    const ben = await add('Ben', '+1 212 555 0102');
    await t.call('calls.undo', { callId: await logOn(ben, { outcome: 'not_interested', reason: 'No budget' }) });
    const report = await t.call<{ lost: { total: number } }>('follow.lostReport', {});
    expect(report.lost.total).toBe(0);
    // The export's progress bar counts what it will write.
    expect(countLostCalls(t.core.db, 0, Date.parse('2027-01-01T00:00:00Z'))).toBe(0);

    const dee = await add('Dee', '+1 212 555 0103');
    await t.call('calls.undo', { callId: await logOn(dee, { outcome: 'advance', nextStep: 'Demo', nextAt: '2026-03-03T17:00:00Z' }) });
    t.clock.advance(10 * 24 * 60 * MIN);
    const stalled = await t.call<{ contactId: number }[]>('stalled.list', {});
    expect(stalled.map((s) => s.contactId)).not.toContain(dee);
    t.core.close();
  });
});

describe('undo and a reminder that fired since', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  async function desk() {
    const clock = new FakeClock('2026-03-02T17:00:00Z');
    const notifier = new RecordingNotifier(clock);
    const t = makeCore(tempDir(), { clock, notifier });
    const ana = (await t.call<{ id: number }>('contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0101' })).id;
    const told = () => notifier.sent.map((n) => `${new Date(n.at).toISOString().slice(11, 16)} ${n.title.split(",")[0]!}`);
    const callAt = async (outcome: string, detail: object = {}) => {
      const call = await t.call<{ id: number }>('calls.dial', { contactId: ana, override: true });
      clock.advance(10_000);
      await t.call('calls.log', { callId: call.id, outcome, ...detail });
      await tick();
      return call.id;
    };
    const wait = async (minutes: number) => {
      for (let i = 0; i < minutes; i++) {
        clock.advance(MIN);
        await tick();
      }
    };
    return { t, clock, ana, told, callAt, wait };
  }

  it('a callback told at 17:30 is not told again when the 17:20 no-answer before it is undone', async () => {
    const { t, clock, told, callAt, wait } = await desk();
    await callAt('callback_requested', { callbackAt: '2026-03-02T17:30:00Z' });
    clock.advance(Date.parse('2026-03-02T17:20:00Z') - clock.now().getTime());
    const noAnswer = await callAt('no_answer');
    await wait(15);
    expect(told()).toEqual(['17:30 Callback due: Ana Silva']);
    expect(await t.call<UndoReply>('calls.undo', { callId: noAnswer })).toMatchObject({ status: 'undone' });
    await wait(5);
    expect(told()).toEqual(['17:30 Callback due: Ana Silva']);
    t.core.close();
  });

  it('nor a promise told at 17:30', async () => {
    const { t, clock, ana, told, callAt, wait } = await desk();
    await t.call('promises.add', { contactId: ana, what: 'send pricing', dueAt: '2026-03-02T17:30:00Z' });
    clock.advance(Date.parse('2026-03-02T17:20:00Z') - clock.now().getTime());
    const noAnswer = await callAt('no_answer');
    await wait(15);
    expect(told()).toHaveLength(1);
    await t.call('calls.undo', { callId: noAnswer });
    await wait(5);
    expect(told()).toHaveLength(1);
    t.core.close();
  });

  it('a callback the undone disposition moved comes back untold, and is told at its own time', async () => {
    const { t, clock, told, callAt, wait } = await desk();
    await callAt('callback_requested', { callbackAt: '2026-03-02T18:00:00Z' });
    clock.advance(Date.parse('2026-03-02T17:20:00Z') - clock.now().getTime());
    const moved = await callAt('callback_requested', { callbackAt: '2026-03-02T17:30:00Z' });
    await wait(15);
    expect(told()).toEqual(['17:30 Callback due: Ana Silva']);
    await t.call('calls.undo', { callId: moved });
    await wait(30);
    expect(told()).toEqual(['17:30 Callback due: Ana Silva', '18:00 Callback due: Ana Silva']);
    t.core.close();
  });
});
