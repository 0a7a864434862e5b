// Team mode: many desks on one lead list in the team's own PostgreSQL. A desk stays one SQLite
// file and works offline: each write the team must hear of is queued in the desk's outbox in the
// write's own transaction (migration 021's triggers), and a sync pushes the outbox (idempotently:
// each entry is applied once per desk and id), then pulls the team's do-not-call list, the
// desk's leases and what others logged on its leads. Calling never waits for the network: only
// join, publish, claim, sync and stats talk to the server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { formatForDisplay } from '../../../shared/domain/phoneFormat';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import type { Database } from 'better-sqlite3';
import { contactsOnNumber, insertContact, type NewContactRow } from '../contacts/repo';
import { emailKey } from '../imports/rows';
import { isSamePerson, personName } from '../../../shared/domain/leads/duplicates';
import { setClosed, syncQueueRows, syncQueueRowsForNumber } from '../queue/repo';
import { checkTeamUrl, DEFAULT_LEASE_MS, MAX_CLAIM, repRoleName, teamClosingOutcome } from '../../../shared/domain/team';
import { CONTACT_STATUSES, LEAD_KINDS, LINE_TYPES, TZ_SOURCES, type ContactStatus, type LeadKind, type LineType, type TimeZoneSource } from '../../../shared/domain/leads/vocabulary';
import { isIanaZone, resolveLeadPlace } from '../../../shared/domain/timeZones';
import { normalizePhone } from '../../../shared/domain/phone';
import { E164 } from '../../../shared/domain/dialUri';
import type { TeamSecrets } from './secrets';
import {
  addTeamDnc, claimOfContact, claimOfLead, claimsHeld, countClaimsHeld, dropPushed, getCallToPush, getClaimedContactStatus, getPromisesToPush, getTasksToPush, getTeamLink, hasImport, linkTeam, outboxDncEntries, dropPushedIds, claimsForScreen, countOpenClaims, unworkedClaims,
  listConflicts, markLeaseLost, outboxEntries, outboxSize, publishableContacts, recordClaim, recordConflict, recordRemoteCall, recordSyncDone,
  recordSyncError, renewLocalLease, type CallToPush, type OutboxRow, type TeamLinkRow,
} from './repo';
import {
  addRemoteDnc, callsSince, claimLeads, createRepRole, databaseName, dncSince, floorStats, heldLeads, holdings, insertLeads, leadsById,
  markApplied, markDeskSynced, migrateTeamSchema, poolSize, recordLeadOutcomes, recordLeadStatus, registerDesk, releaseLeads, renewLeases, sessionRole,
  teamSchemaVersion, upsertCalls, upsertPromises, upsertTasks, type RemoteLead,
} from './remoteRepo';
import { LATEST_TEAM_SCHEMA_VERSION } from './migrations';

export interface TeamOptions {
  /** How long to wait for the server before saying it cannot be reached. */
  connectTimeoutMs?: number;
  /** Outbox entries per server transaction. */
  pushBatch?: number;
  /** How long a claim waits for its turn or for a row another desk holds before it gives up and
   *  tries again. */
  claimLockWaitMs?: number;
}

/** A claim that gave up waiting this many times says the server is busy. */
export const CLAIM_ATTEMPTS = 4;
/** Its wait each time, for its turn or a row: a claim's own work on the server takes milliseconds. */
export const CLAIM_LOCK_WAIT_MS = 2000;

/** The server gave up waiting for a lock (lock_timeout). */
function isLockWaitOver(error: unknown): boolean {
  return (error as { code?: string }).code === '55P03';
}

/** A connection for one piece of work, closed after it, with errors the rep can act on. */
async function withClient<T>(url: string, timeoutMs: number, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: 'dialdeck', statement_timeout: 60_000 });
  // An idle connection the server drops emits 'error'; the work in hand fails on its own.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw unreachable(error);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function unreachable(error: unknown): CoreError {
  const code = (error as { code?: string }).code ?? '';
  // The server answered but would not let this role in: no retry will help until the URL changes.
  if (code.startsWith('28')) {
    return new CoreError('forbidden', `The team database refused the login (${describePgError(error)}). Check the user name and password in the team URL with your administrator. Calls go on being logged on this desk.`, { url: 'The server refused this login' });
  }
  if (code === '3D000') return new CoreError('invalid_request', `The team server has no such database (${describePgError(error)}). Check the name at the end of the team URL.`, { url: 'No such database on that server' });
  return new CoreError('unreachable', `Cannot reach the team database (${describePgError(error)}). Calls go on being logged on this desk and are sent at the next sync.`);
}

/** The connection, not the statement, failed: the server went away or restarted. */
function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (typeof e.code === 'string' && (/^(08|57P0)/.test(e.code) || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(e.code))) return true;
  return /Connection terminated|Client has encountered a connection error|not queryable/.test(e.message ?? '');
}

function describePgError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ? `${e.code}: ${e.message ?? ''}`.trim() : (e.message ?? String(error));
}

/** An outbox entry the team's server will not take as it is (a foreign key, a check, a value of
 *  the wrong kind): sending it again changes nothing until someone changes the data. */
function isRefusedForGood(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return !isConnectionLost(error) && (code.startsWith('23') || code.startsWith('22'));
}

function refusalReason(error: unknown): string {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23503' && /lead_id/.test(e.constraint ?? '')) return 'The team database no longer has the lead it is about (an administrator removed it from the pool). It is kept on this desk and tried again at each sync; your administrator can put the lead back.';
  return `The team database refuses it (${describePgError(error)}). It is kept on this desk and tried again at each sync; tell your administrator.`;
}

export interface RefusedEntry {
  kind: OutboxRow['kind'];
  /** Which change, in the rep's words. */
  what: string;
  /** When it was (a call's dial), or null. */
  at: string | null;
  reason: string;
}

const ENTRY_WORDS: ReadonlyMap<OutboxRow['kind'], (ref: string) => string> = new Map<OutboxRow['kind'], (ref: string) => string>([
  ['call', (ref) => `Call #${ref}`],
  ['dnc', (ref) => `The do-not-call number ${ref}`],
  ['lead_status', (ref) => `The dud state of lead #${ref}`],
  ['task', (ref) => `Task #${ref}`],
  ['promise', (ref) => `Promise #${ref}`],
]);

/** The server refused on grounds of rights (row-level security, a missing grant). */
function isForbidden(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '42501';
}

/** Set up (or bring up to date) the team schema with an administrator's URL. */
export async function initTeam(adminUrl: string): Promise<{ applied: number[]; version: number }> {
  requireUrl(adminUrl);
  return withClient(adminUrl, 10_000, async (client) => {
    const applied = await migrateTeamSchema(client);
    return { applied, version: await teamSchemaVersion(client) };
  });
}

/** Create a rep's login role (administrator's URL); returns the URL the rep's desk joins with. */
export async function addRep(adminUrl: string, rep: string, options: { canPublish: boolean; password?: string }): Promise<{ role: string; url: string }> {
  requireUrl(adminUrl);
  return withClient(adminUrl, 10_000, async (client) => {
    const database = await databaseName(client);
    const role = repRoleName(database, rep);
    if (role === null) throw new CoreError('invalid_request', `"${rep}" has no letters or digits to name a role with.`);
    const password = options.password ?? randomBytes(18).toString('base64url');
    try {
      await createRepRole(client, role, password, options.canPublish);
    } catch (error) {
      if ((error as { code?: string }).code === '42710') throw new CoreError('conflict', `The team already has a role ${role} for ${rep}.`);
      throw error;
    }
    const url = new URL(adminUrl);
    url.username = role;
    url.password = password;
    return { role, url: url.href };
  });
}

function requireUrl(url: string): void {
  const check = checkTeamUrl(url);
  if (!check.ok) throw new CoreError('invalid_request', `That team URL will not do: ${check.reason}.`, { url: check.reason });
}

export interface SyncResult {
  pushed: number;
  pulled: { dnc: number; calls: number; leasesLost: number; leasesHeld: number; leadsAdopted: number };
  conflicts: number;
}

export class TeamService {
  private readonly timeoutMs: number;
  private readonly pushBatch: number;
  private readonly claimLockWaitMs: number;
  private pool: pg.Pool | null = null;
  private poolUrl: string | null = null;
  /** The sync, claim or release in progress: one at a time per desk, whoever asked (the minute's
   *  timer, a do-not-call, the rep's key), so two never push the same outbox at once. */
  private inProgress: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** Outbox entries the server refused at the last push (by outbox id), with why. */
  private refused = new Map<number, RefusedEntry>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly secrets: TeamSecrets,
    options: TeamOptions = {},
  ) {
    this.timeoutMs = options.connectTimeoutMs ?? 5000;
    this.pushBatch = options.pushBatch ?? 200;
    this.claimLockWaitMs = options.claimLockWaitMs ?? CLAIM_LOCK_WAIT_MS;
  }

  private link(): TeamLinkRow {
    const link = getTeamLink(this.ctx.db);
    if (!link) throw new CoreError('invalid_request', 'This desk has not joined a team: team join --url URL --rep NAME.');
    return link;
  }

  private url(): string {
    const url = this.secrets.load();
    if (url === null) throw new CoreError('invalid_request', 'This desk has no team connection stored: team join --url URL --rep NAME.');
    return url;
  }

  /** A connection from the desk's small pool (one at a time is all a desk needs; kept a few
   *  seconds so a claim or a sync does not pay for a new connection each time). */
  private async connect<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const url = this.url();
    if (this.pool === null || this.poolUrl !== url) {
      void this.pool?.end();
      this.pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: this.timeoutMs, idleTimeoutMillis: 10_000, allowExitOnIdle: true, application_name: 'dialdeck', statement_timeout: 60_000 });
      // A connection the server drops while idle: the pool forgets it; the next use reconnects.
      this.pool.on('error', () => undefined);
      this.poolUrl = url;
    }
    // Twice at most: a pooled connection the server dropped while idle (a restart) fails its
    // first statement; the work is safe to run again (sync is idempotent; leads claimed by a
    // lost answer come back at the next sync).
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        throw unreachable(error);
      }
      let broken: Error | undefined;
      try {
        return await work(client);
      } catch (error) {
        // A failed piece of work may leave the connection mid-transaction or dead: never reuse it.
        broken = error instanceof Error ? error : new Error(String(error));
        if (!isConnectionLost(error)) throw error;
        if (attempt >= 2) throw unreachable(error);
      } finally {
        client.release(broken);
      }
    }
  }

  /** Run after whatever team work is in progress, never at the same time as it. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const next = this.inProgress.then(work, work).finally(() => {
      this.pending--;
    });
    this.inProgress = next.catch(() => undefined);
    return next;
  }

  /** A sync, claim or release is running or waiting. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /** Close the pool's connections (the app on quit, tests). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  /** Join with the rep's own role: the desk is registered under it and the URL kept by the port. */
  async join(url: string, rep: string, leaseMs = DEFAULT_LEASE_MS): Promise<{ rep: string; role: string; deskId: number; urlKept: string }> {
    requireUrl(url);
    const desk = await withClient(url, this.timeoutMs, async (client) => {
      const version = await teamSchemaVersion(client);
      if (version === 0) throw new CoreError('invalid_request', 'That database has no team schema yet: an administrator runs team init --url URL first.');
      if (version > LATEST_TEAM_SCHEMA_VERSION) throw new CoreError('invalid_request', `The team database is at schema version ${version}; this Dialdeck understands up to ${LATEST_TEAM_SCHEMA_VERSION}. Update Dialdeck.`);
      try {
        return await registerDesk(client, rep);
      } catch (error) {
        if (isForbidden(error)) throw new CoreError('forbidden', `The role ${await sessionRole(client)} is not a desk of this team: an administrator adds it with team add-rep.`);
        if ((error as { code?: string }).code === '23505') throw new CoreError('conflict', `Another desk has already joined as "${rep}".`);
        throw error;
      }
    });
    this.secrets.save(url);
    this.ctx.db.transaction(() => linkTeam(this.ctx.db, { rep, role: desk.role, deskId: desk.deskId, at: this.ctx.clock.now().getTime(), leaseMs })).immediate();
    return { rep, role: desk.role, deskId: desk.deskId, urlKept: this.secrets.description };
  }

  /** Put one import's leads (null: every lead of this desk) in the team's pool, with their
   *  numbers, zones and dud state; their do-not-call numbers go on the team's list. */
  async publish(importId: number | null): Promise<{ published: number; alreadyPublished: number; doNotCall: number }> {
    const link = this.link();
    if (importId !== null && !hasImport(this.ctx.db, importId)) throw new CoreError('not_found', `There is no import #${importId} on this desk.`);
    const contacts = publishableContacts(this.ctx.db, importId);
    return this.connect(async (client) => {
      let published = 0;
      await client.query('BEGIN');
      try {
        for (let i = 0; i < contacts.length; i += 2000) {
          const batch = contacts.slice(i, i + 2000);
          published += await insertLeads(
            client,
            batch.map(({ id, do_not_call: _dnc, ...fields }) => ({ sourceKey: `${link.role_name}:${id}`, ...fields })),
          );
        }
        const dnc = contacts.filter((c) => c.do_not_call === 1 && c.e164 !== null).map((c) => c.e164!);
        await addRemoteDnc(client, dnc);
        await client.query('COMMIT');
        return { published, alreadyPublished: contacts.length - published, doNotCall: dnc.length };
      } catch (error) {
        await client.query('ROLLBACK');
        if (isForbidden(error)) throw new CoreError('forbidden', `Your role may not publish leads to the team: an administrator grants it (team add-rep --publisher).`);
        throw error;
      }
    });
  }

  /** Claim up to `count` leads from the pool; they join this desk's queue at once. */
  claim(count: number) {
    return this.serial(() => this.claimNow(count));
  }

  private async claimNow(count: number): Promise<{ claimed: { leadId: number; contactId: number; e164: string | null; name: string; leaseUntil: string }[]; givenBack: number }> {
    const link = this.link();
    if (!Number.isInteger(count) || count < 1 || count > MAX_CLAIM) throw new CoreError('invalid_request', `Claim between 1 and ${MAX_CLAIM} leads at a time.`);
    const leads = await this.claimFromPool(count, link.lease_ms);
    const found = this.adopt(leads);
    const { adopted, duplicates } = found;
    // Told at once; should that fail, the next sync finds the duplicates held here and gives
    // them back then (the claim itself is done: the leads it took are in the queue).
    if (duplicates.length > 0 || found.duds.length > 0) await this.connect((client) => this.settle(client, found)).catch(() => undefined);
    return {
      claimed: adopted.map(({ lead, contactId }) => ({
        leadId: Number(lead.id),
        contactId,
        e164: lead.e164,
        name: `${lead.first_name} ${lead.last_name}`.trim() || lead.company,
        leaseUntil: lead.lease_until.toISOString(),
      })),
      givenBack: duplicates.length,
    };
  }

  /** The claim's transaction on the server, run again (a fresh snapshot, other desks' claims
   *  committed meanwhile) when it waited too long for its turn or a row; nothing is claimed by a
   *  try that gave up. */
  private async claimFromPool(count: number, leaseMs: number): Promise<RemoteLead[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.connect((client) => claimLeads(client, count, leaseMs, this.claimLockWaitMs));
      } catch (error) {
        if (!isLockWaitOver(error)) throw error;
        if (attempt >= CLAIM_ATTEMPTS) {
          const waited = (CLAIM_ATTEMPTS * this.claimLockWaitMs) / 1000;
          throw new CoreError('conflict', `The team server is busy with other desks' claims (waited ${waited} s): nothing was claimed. Claim again in a moment; the next sync also claims when your queue runs low.`);
        }
        // A short, uneven pause: desks that gave up together do not all come back together.
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 200)));
      }
    }
  }

  /** Leads the server says this desk holds: into the desk's contacts and queue, with their
   *  lease. One transaction. A lead the desk held before is its contact again; otherwise the
   *  same person on the number (extension, name and e-mail agreeing, as an import and a lead
   *  added by hand decide) is that contact, and anyone else on the number becomes a contact of
   *  their own beside them (a switchboard, a shared line). A lead for a person this desk already
   *  has as another team lead (one list published by two desks) is not taken: it is returned in
   *  `duplicates`, to be given back to the pool, so the person is called once, on one lead. */
  private adopt(leads: readonly RemoteLead[]): { adopted: { lead: RemoteLead; contactId: number }[]; duplicates: RemoteLead[]; duds: { leadId: number; reason: string }[] } {
    const { db, clock } = this.ctx;
    const now = clock.now().getTime();
    const defaultCountry = this.ctx.settings.get('defaultCountry');
    const result = db.transaction(() => {
      const adopted: { lead: RemoteLead; contactId: number }[] = [];
      const duplicates: RemoteLead[] = [];
      const duds: { leadId: number; reason: string }[] = [];
      for (const lead of leads) {
        const known = claimOfLead(db, Number(lead.id));
        let contactId = known?.contact_id;
        if (contactId === undefined) {
          const same = samePersonHere(db, lead);
          if (same !== undefined && claimOfContact(db, same) !== undefined) {
            duplicates.push(lead);
            continue;
          }
          if (same !== undefined) contactId = same;
          else {
            const { row, dud } = contactFromLead(lead, now, defaultCountry);
            contactId = insertContact(db, row);
            if (dud !== null) duds.push({ leadId: Number(lead.id), reason: dud });
          }
        }
        recordClaim(db, { contactId, leadId: Number(lead.id), at: lead.claimed_at.getTime(), leaseUntil: lead.lease_until.getTime() });
        // A lead this desk lost and now holds again comes back to its queue.
        if (known !== undefined && known.lost_at !== null) setClosed(db, contactId, null, '');
        adopted.push({ lead, contactId });
      }
      // One statement for the batch's queue rows, not one per lead.
      syncQueueRows(db, adopted.map((a) => a.contactId));
      return { adopted, duplicates, duds };
    }).immediate();
    if (result.adopted.length > 0) this.ctx.effects.leadsChanged(null);
    return result;
  }

  /** What adopt found, told to the server: the leads this desk does not take go back to the
   *  pool; a lead with no number to dial is a dud for the whole team (never claimed again; it
   *  stays this desk's, as a closed lead does, and is returned with the desk's duds). */
  private async settle(client: pg.PoolClient, found: { duplicates: readonly RemoteLead[]; duds: readonly { leadId: number; reason: string }[] }): Promise<void> {
    if (found.duplicates.length > 0) await releaseLeads(client, found.duplicates.map((l) => Number(l.id)));
    for (const dud of found.duds) await recordLeadStatus(client, dud.leadId, 'dud', dud.reason);
  }

  /** Push the outbox, then pull. Safe to interrupt at any point and run again. */
  sync(): Promise<SyncResult> {
    return this.serial(() => this.syncNow());
  }

  private async syncNow(): Promise<SyncResult> {
    const link = this.link();
    const { db, clock } = this.ctx;
    try {
      return await this.connect(async (client) => {
        const pushed = await this.push(client);
        const dnc = await dncSince(client, link.dnc_cursor);
        const renewed = await renewLeases(client, link.lease_ms);
        const calls = await callsSince(client, link.calls_cursor);
        const renewedIds = new Set(renewed.map((r) => r.id));
        const held = claimsHeld(db);
        const heldIds = new Set(held.map((c) => String(c.lead_id)));
        // Held on the server but not here: a claim whose answer never arrived (the desk stopped
        // between the two), or this desk's file restored from before it.
        const missing = renewed.filter((r) => !heldIds.has(r.id)).map((r) => r.id);
        const adoptLeads = missing.length > 0 ? await leadsById(client, missing) : [];
        await markDeskSynced(client);
        const now = clock.now().getTime();
        let newDnc = 0;
        let lost = 0;
        db.transaction(() => {
          for (const n of dnc.numbers) {
            if (addTeamDnc(db, n.e164, n.added_at.getTime())) newDnc++;
            // Blocked here even for a lead this desk already holds: the list wins everywhere.
            syncQueueRowsForNumber(db, n.e164);
          }
          for (const r of renewed) renewLocalLease(db, Number(r.id), r.lease_until.getTime());
          for (const claim of held) {
            if (renewedIds.has(String(claim.lead_id))) continue;
            if (markLeaseLost(db, claim.lead_id, now)) {
              lost++;
              setClosed(db, claim.contact_id, 'removed', 'lease lost: the lead went back to the team pool');
            }
          }
          for (const call of calls.others) {
            recordRemoteCall(db, { remoteId: Number(call.id), leadId: Number(call.lead_id), rep: call.rep, dialedAt: call.dialed_at.getTime(), outcome: call.outcome });
          }
          for (const mine of calls.conflicts) {
            const local = getCallToPush(db, Number(mine.local_id));
            if (local) recordConflict(db, { callId: local.id, contactId: local.contact_id, leadId: mine.lead_id === null ? null : Number(mine.lead_id), reason: mine.conflict, at: now });
          }
          recordSyncDone(db, now, dnc.cursor, calls.cursor);
        }).immediate();
        // A desk whose claim failed before duplicates were given back holds them still: they
        // go back to the pool here.
        const found = this.adopt(adoptLeads);
        const { adopted, duplicates } = found;
        await this.settle(client, found);
        this.ctx.effects.leadsChanged(null);
        return {
          pushed,
          pulled: { dnc: newDnc, calls: calls.others.length, leasesLost: lost, leasesHeld: renewed.length - duplicates.length, leadsAdopted: adopted.length },
          conflicts: calls.conflicts.length,
        };
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      db.transaction(() => recordSyncError(db, message)).immediate();
      throw error;
    }
  }

  /** The outbox: do-not-call numbers first, in their own transactions, so they reach the team
   *  whatever else the server refuses; then the rest in batches, each in one server transaction
   *  that also records which entries it applied. An entry leaves the outbox only after that
   *  commit. A batch cut off before its commit is sent again whole; one cut off after is skipped
   *  entry by entry on the server. An entry the server refuses for good (a constraint or a value
   *  it will not take: not a lost connection) does not hold up the rest: it stays in the outbox,
   *  tried again at each sync, and the Team status says which and why. */
  private async push(client: pg.PoolClient): Promise<number> {
    const { db } = this.ctx;
    let pushed = 0;
    for (let after = 0; ; ) {
      const entries = outboxDncEntries(db, after, this.pushBatch);
      if (entries.length === 0) break;
      await client.query('BEGIN');
      try {
        const fresh = await markApplied(client, entries.map((e) => e.id));
        await addRemoteDnc(client, entries.filter((e) => fresh.has(e.id)).map((e) => e.ref));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      db.transaction(() => dropPushedIds(db, entries.map((e) => e.id))).immediate();
      pushed += entries.length;
      after = entries.at(-1)!.id;
    }
    const refused = new Map<number, RefusedEntry>();
    for (let after = 0; ; ) {
      const entries = outboxEntries(db, after, this.pushBatch);
      if (entries.length === 0) break;
      await client.query('BEGIN');
      let refusedHere: Map<number, RefusedEntry>;
      try {
        refusedHere = await this.applyBatch(client, entries);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      const last = entries.at(-1)!.id;
      db.transaction(() => dropPushed(db, last, [...refusedHere.keys()])).immediate();
      for (const [id, entry] of refusedHere) refused.set(id, entry);
      pushed += entries.length - refusedHere.size;
      after = last;
    }
    this.refused = refused;
    return pushed;
  }

  /** One batch inside the push's transaction; if the server refuses it, entry by entry, each
   *  under its own savepoint: the ones it refuses for good are returned (and not marked
   *  applied), the others applied. Any other failure fails the push. */
  private async applyBatch(client: pg.PoolClient, entries: readonly OutboxRow[]): Promise<Map<number, RefusedEntry>> {
    const refused = new Map<number, RefusedEntry>();
    await client.query('SAVEPOINT batch');
    try {
      const fresh = await markApplied(client, entries.map((e) => e.id));
      await this.apply(client, entries.filter((e) => fresh.has(e.id)));
      await client.query('RELEASE SAVEPOINT batch');
      return refused;
    } catch (error) {
      if (!isRefusedForGood(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT batch');
    }
    for (const entry of entries) {
      await client.query('SAVEPOINT entry');
      try {
        if ((await markApplied(client, [entry.id])).size > 0) await this.apply(client, [entry]);
        await client.query('RELEASE SAVEPOINT entry');
      } catch (error) {
        if (!isRefusedForGood(error)) throw error;
        await client.query('ROLLBACK TO SAVEPOINT entry');
        refused.set(entry.id, { kind: entry.kind, ...this.describeEntry(entry), reason: refusalReason(error) });
      }
    }
    return refused;
  }

  /** An outbox entry in the rep's words, and when it was (a call: when dialled; the screen
   *  draws the time as every screen does). */
  private describeEntry(entry: OutboxRow): { what: string; at: string | null } {
    if (entry.kind === 'call') {
      const call = getCallToPush(this.ctx.db, Number(entry.ref));
      if (call) return { what: `The call to ${formatForDisplay(call.number)}`, at: new Date(call.dialed_at).toISOString() };
    }
    return { what: ENTRY_WORDS.get(entry.kind)!(entry.kind === 'dnc' ? formatForDisplay(entry.ref) : entry.ref), at: null };
  }

  /** One batch of entries not applied before, in a few statements. A call is sent as it is now
   *  (a dial and its disposition are two entries, one row); it is kept whatever happened to the
   *  lease, since it was made, but only the holder's call moves the lead. */
  private async apply(client: pg.PoolClient, entries: readonly OutboxRow[]): Promise<void> {
    const { db } = this.ctx;
    await addRemoteDnc(client, entries.filter((e) => e.kind === 'dnc').map((e) => e.ref));
    const callIds = [...new Set(entries.filter((e) => e.kind === 'call').map((e) => Number(e.ref)))];
    const calls = callIds.map((id) => getCallToPush(db, id)).filter((c) => c !== undefined);
    const held = await heldLeads(client, [...new Set(calls.flatMap((c) => (c.lead_id === null ? [] : [c.lead_id])))]);
    const isHeld = (c: CallToPush) => c.lead_id === null || held.has(c.lead_id);
    await upsertCalls(
      client,
      calls.map((c) => ({
        localId: c.id, leadId: c.lead_id, e164: c.number, dialedAt: new Date(c.dialed_at).toISOString(),
        endedAt: c.ended_at === null ? null : new Date(c.ended_at).toISOString(), outcome: c.outcome, conflict: isHeld(c) ? null : 'lease_lost', notes: c.notes,
      })),
    );
    const latest = new Map<number, CallToPush>();
    for (const c of calls) {
      if (c.lead_id === null || c.outcome === null || !isHeld(c)) continue;
      const before = latest.get(c.lead_id);
      if (!before || before.dialed_at <= c.dialed_at) latest.set(c.lead_id, c);
    }
    await recordLeadOutcomes(
      client,
      [...latest.values()].map((c) => ({ leadId: c.lead_id!, outcome: c.outcome!, at: new Date(c.dialed_at).toISOString(), closed: teamClosingOutcome(c.outcome!) })),
    );
    const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
    const idsOf = (kind: OutboxRow['kind']) => [...new Set(entries.filter((e) => e.kind === kind).map((e) => Number(e.ref)))];
    await upsertTasks(
      client,
      getTasksToPush(db, idsOf('task')).map((t) => ({
        localId: t.id, leadId: t.lead_id, e164: t.e164, kind: t.kind, title: t.title, dueAt: iso(t.due_at)!, createdAt: iso(t.created_at)!, doneAt: iso(t.done_at),
      })),
    );
    await upsertPromises(
      client,
      getPromisesToPush(db, idsOf('promise')).map((p) => ({
        localId: p.id, leadId: p.lead_id, e164: p.e164, what: p.what, toWhom: p.to_whom, owner: p.owner, dueAt: iso(p.due_at)!, createdAt: iso(p.created_at)!,
        keptAt: iso(p.kept_at), keptNote: p.kept_note, brokenAt: iso(p.broken_at),
      })),
    );
    for (const entry of entries) {
      if (entry.kind !== 'lead_status') continue;
      const status = getClaimedContactStatus(db, Number(entry.ref));
      if (status && (await heldLeads(client, [status.lead_id])).has(status.lead_id)) await recordLeadStatus(client, status.lead_id, status.status, status.dud_reason);
    }
  }

  /** Whether this desk has joined a team (read from its file, no network). */
  isJoined(): boolean {
    return getTeamLink(this.ctx.db) !== undefined;
  }

  /** Claimed leads still to be called here: what auto-claim watches. */
  openClaims(): number {
    return countOpenClaims(this.ctx.db);
  }

  /** Give back to the pool every claimed lead this desk has not called. The
   *  outbox goes first, in the same connection, so nothing logged on them is left behind. */
  release(): Promise<{ released: number }> {
    return this.serial(() => this.releaseNow());
  }

  private async releaseNow(): Promise<{ released: number }> {
    this.link();
    const { db, clock } = this.ctx;
    const unworked = unworkedClaims(db);
    if (unworked.length === 0) return { released: 0 };
    const released = await this.connect(async (client) => {
      await this.push(client);
      return releaseLeads(client, unworked.map((c) => c.lead_id));
    });
    const now = clock.now().getTime();
    db.transaction(() => {
      for (const claim of unworked) {
        if (!released.has(claim.lead_id)) continue;
        markLeaseLost(db, claim.lead_id, now);
        setClosed(db, claim.contact_id, 'removed', 'released to the team pool');
      }
    }).immediate();
    this.ctx.effects.leadsChanged(null);
    return { released: released.size };
  }

  /** What the desk knows without the network. */
  status() {
    const { db } = this.ctx;
    const link = getTeamLink(db);
    if (!link) return { joined: false as const, outbox: outboxSize(db) };
    return {
      joined: true as const,
      rep: link.rep,
      role: link.role_name,
      deskId: link.desk_id,
      leaseHours: link.lease_ms / 3_600_000,
      lastSyncAt: link.last_sync_at === null ? null : new Date(link.last_sync_at).toISOString(),
      lastSyncError: link.last_sync_error,
      outbox: outboxSize(db),
      claimed: countClaimsHeld(db),
      claims: claimsForScreen(db).map((c) => ({ leadId: c.lead_id, contactId: c.contact_id, name: c.name, e164: c.e164, leaseUntil: new Date(c.lease_until).toISOString(), open: c.open === 1 })),
      openClaims: countOpenClaims(db),
      connection: link.last_sync_error !== null ? ('offline' as const) : link.last_sync_at === null ? ('never' as const) : ('connected' as const),
      // A call is two outbox entries (its dial and its disposition): said once.
      refused: [...new Map([...this.refused.values()].map((r) => [`${r.kind} ${r.what} ${r.at}`, r])).values()],
      conflicts: listConflicts(db).map((c) => ({
        callId: c.call_id,
        contactId: c.contact_id,
        leadId: c.lead_id,
        name: c.name,
        outcome: c.outcome,
        dialedAt: new Date(c.dialed_at).toISOString(),
        reason: c.reason === 'lease_lost' ? 'Your lease on this lead had run out before the call reached the team: the call is kept, the lead was not changed.' : c.reason,
      })),
      urlKept: this.secrets.description,
    };
  }

  /** The floor's numbers over [from, to): per rep and for the team; who holds how many leads. */
  async stats(from: Date, to: Date) {
    this.link();
    return this.connect(async (client) => {
      const rows = await floorStats(client, from, to);
      const reps = rows.map((r) => ({ rep: r.rep, dials: Number(r.dials), conversations: Number(r.conversations), advances: Number(r.advances), conversions: Number(r.conversions), conflicts: Number(r.conflicts) }));
      const sum = (key: 'dials' | 'conversations' | 'advances' | 'conversions' | 'conflicts') => reps.reduce((total, r) => total + r[key], 0);
      const team = { dials: sum('dials'), conversations: sum('conversations'), advances: sum('advances'), conversions: sum('conversions'), conflicts: sum('conflicts') };
      const held = (await holdings(client)).map((h) => ({ rep: h.rep, held: Number(h.held), nextExpiry: h.next_expiry?.toISOString() ?? null }));
      return { from: from.toISOString(), to: to.toISOString(), reps, team, holdings: held, pool: await poolSize(client) };
    });
  }
}

/** The contact on the lead's number that is the lead's person, if any: the same extension, an
 *  agreeing name and no other e-mail (isSamePerson, the import's rule). As for a lead added by
 *  hand, a named lead is not the number's nameless lead (a company's main line), nor the other
 *  way round: only two nameless leads on one line are one. */
function samePersonHere(db: Database, lead: RemoteLead): number | undefined {
  if (lead.e164 === null) return undefined;
  const person = { extension: lead.extension, name: personName(lead.first_name, lead.last_name), email: emailKey(lead.email) };
  const named = person.name.first !== '' || person.name.last !== '';
  return contactsOnNumber(db, lead.e164).find((c) => {
    const theirs = personName(c.first_name, c.last_name);
    if (named !== (theirs.first !== '' || theirs.last !== '')) return false;
    return isSamePerson(person, { extension: c.extension, name: theirs, email: c.email_key });
  })?.id;
}

const KINDS: ReadonlySet<string> = new Set(LEAD_KINDS);
const LINES: ReadonlySet<string> = new Set(LINE_TYPES);
const STATUSES: ReadonlySet<string> = new Set(CONTACT_STATUSES);
const SOURCES: ReadonlySet<string> = new Set(TZ_SOURCES);
const E164_ONLY = new RegExp(`^${E164}$`);

/** A claimed lead as a contact of this desk. The server's values are checked against the desk's
 *  words, since another Dialdeck version or a hand-written row may have put anything there: a
 *  kind or line type it does not know is the default (outbound; residential, the stricter
 *  hours); zones that are not real ones, or a zone source it does not know, are worked out again
 *  from the lead's place and number, as an import does; a number not in E.164 is read again, and
 *  a lead with no number that can be dialled is a dud here, with the reason (`dud` says it, so
 *  the team's lead is marked a dud too). Nothing from the server can stop the queue. */
function contactFromLead(lead: RemoteLead, now: number, defaultCountry: string): { row: NewContactRow; dud: string | null } {
  let e164 = lead.e164;
  if (e164 !== null && !E164_ONLY.test(e164)) {
    const read = normalizePhone(e164, defaultCountry);
    e164 = read.ok ? read.e164 : null;
  }
  let status = (STATUSES.has(lead.status) ? lead.status : 'active') as ContactStatus;
  let dudReason = lead.dud_reason;
  let dud: string | null = null;
  if (e164 === null && status === 'active') {
    status = 'dud';
    dudReason = lead.e164 === null ? "no phone number (the team's lead has none)" : `the team's lead has "${lead.e164}", which is not a phone number`;
    dud = dudReason;
  }
  const zones = lead.time_zones.split(' ').filter((z) => z !== '');
  const placeKept = SOURCES.has(lead.tz_source) && zones.every(isIanaZone);
  const place = placeKept ? null : resolveLeadPlace({ e164: e164 ?? undefined, country: lead.country, region: lead.region });
  return {
    row: {
      first_name: lead.first_name, last_name: lead.last_name, company: lead.company, title: lead.title, email: lead.email,
      email_key: lead.email === '' ? null : lead.email.toLowerCase(), phone_raw: lead.phone_raw, e164, extension: e164 === null ? null : lead.extension,
      other_phones: '[]', time_zones: place ? place.zones.join(' ') : lead.time_zones, tz_source: place ? place.source : (lead.tz_source as TimeZoneSource),
      country: lead.country, region: lead.region, city: lead.city, postcode: lead.postcode,
      kind: (KINDS.has(lead.kind) ? lead.kind : 'outbound') as LeadKind, line_type: (LINES.has(lead.line_type) ? lead.line_type : 'residential') as LineType,
      notes: '', owner: '', custom_fields: '{}', status, dud_reason: dudReason, import_id: null, source_row: null,
      created_at: now, jurisdictions: place ? place.jurisdictions.join(' ') : lead.jurisdictions,
    },
    dud,
  };
}
