// The persistent queue: the stored plans in queue_state, asked through queue_next one zone key at
// a time. Which zone keys are callable (and which have their voicemail window open) is decided by
// the pure rules in shared/domain and cached until the next opening or closing instant, so
// picking the next lead is a handful of index seeks, not a pass over every lead.
import type { Database } from 'better-sqlite3';
import type { LeadNow, NotNowEntry, QueueEntry as QueueEntryView, RedialLoop } from '../../../shared/ipc/contract';
import { callableIntervals, callingHours, insideHoursReason, leadVoicemailWindows, type CallableLead, type LineType } from '../../../shared/domain/callingHours';
import { clipIntervals, type Interval } from '../../../shared/domain/localWindows';
import { localClock, prepareZoneFormats } from '../../../shared/domain/timeFormat';
import { timeToken } from '../../../shared/domain/timeText';
import {
  displayZone,
  entryInRedialLoop,
  entryWithCallWaiting,
  legalCapHold,
  redialLoopReason,
  tierRank,
  queueEntryFor,
  whyNotNow,
  type ClosedReason,
  type QueueEntry,
  type QueueLead,
  type QueueSettings,
  type StoredTier,
  type ZonesNow,
} from '../../../shared/domain/queueRules';
import { getContact, type ContactRow } from '../contacts/repo';
import { runningLoops, unconfirmedAttemptOf } from '../calls/redialRepo';
import {
  getQueueState,
  pinnedRows,
  zoneKeys,
  type ZoneKeyRow,
  buildQueueFromBacklog,
  hasQueueBacklog,
  setClosed,
  setHidden,
  setPinned,
  restoreToQueue,
  holdForCap,
  syncQueueRow,
  tierRows,
  TierReadMemory,
  type RestFilter,
  waitingRows,
  countQueued,
  type QueueStateRow,
  type TierFilter,
} from './repo';
import { CoreError } from '../errors';
import { isoOrNull, requireWithinReach } from '../instants';
import type { Clock } from '../ports';
import { toContact } from '../contacts/service';
import type { CoreContext } from '../context';
import { lawFromChoices, type LawChoice } from '../../../shared/domain/settings';
import { CAP_LOOKBACK_MS, rulesFor } from '../../../shared/domain/law/engine';
import { contactsDialledSince, isCallOpenAt } from '../calls/repo';
import { recentCallInstants } from '../law/service';
import { otherConnectionWatch } from '../db/dataVersion';
import { recordSkip, skipReasonUntil } from './skipsRepo';
import { campaignIdsOf, tagIdsOf } from '../campaigns/repo';
import { filtersByLabels, leadMatchesFilter, NO_LEAD_FILTER, type LeadFilter } from '../../../shared/domain/campaigns';

/** How far ahead the call screen is told the lead's calling hours: a week's quick pick and the
 *  weekend after it. */
const HOURS_AHEAD_MS = 15 * 24 * 60 * 60 * 1000;

const HOUR = 3_600_000;

/** A zone key's calling-hours and voicemail intervals from a day before it was built to two days
 *  after, from the pure rules; asked for any instant in the day after it was built. Starting a
 *  day back keeps a window that opened earlier from looking as if it opened at the build. */
interface ZoneTimeline {
  builtAt: number;
  validUntil: number;
  callable: Interval[];
  voicemail: Interval[];
}

const TIMELINE_BEFORE = 24 * HOUR;
const TIMELINE_SPAN = 48 * HOUR;
const TIMELINE_VALID = 24 * HOUR;

/** Warming looks this far ahead: a timeline expiring, or a UTC day starting, within it is built
 *  in the pauses before (the scheduler's heartbeat comes at least once a minute). */
const WARM_AHEAD_MS = 30 * 60_000;
const WARM_KEYS_PER_TURN = 2;

function utcDayOf(at: number): number {
  return Math.floor(at / (24 * HOUR)) * 24 * HOUR;
}

function containing(intervals: readonly Interval[], at: number): Interval | undefined {
  return intervals.find((i) => i.start <= at && at < i.end);
}

/** The first start or end of an interval after `at` (Infinity when there is none). */
function nextEdge(intervals: readonly Interval[], at: number): number {
  for (const interval of intervals) {
    if (interval.start > at) return interval.start;
    if (interval.end > at) return interval.end;
  }
  return Infinity;
}

/** The first start of an interval after `at` (Infinity when there is none). */
function firstStartAfter(intervals: readonly Interval[], at: number): number {
  for (const interval of intervals) if (interval.start > at) return interval.start;
  return Infinity;
}

/** Which zone keys are callable, and with their voicemail window open, over [from, until). */
interface ZoneSplit {
  keys: Map<number, CallableLead>;
  settings: QueueSettings;
  from: number;
  until: number;
  callable: readonly number[];
  voicemailOpen: readonly number[];
  voicemailClosed: readonly number[];
  zones: ReadonlyMap<number, ZonesNow>;
}

export function leadOfZone(key: ZoneKeyRow): CallableLead {
  const jurisdictions = key.jurisdictions ? key.jurisdictions.split(' ') : [];
  return { lineType: key.line_type as LineType, country: jurisdictions[0] ?? (key.country || undefined), jurisdictions, timeZones: key.zones ? key.zones.split(' ') : [] };
}

export function toQueueLead(contact: ContactRow, state: QueueStateRow): QueueLead {
  return {
    id: contact.id,
    kind: contact.kind,
    createdAt: contact.created_at,
    timeZones: contact.time_zones === '' ? [] : contact.time_zones.split(' '),
    lineType: contact.line_type,
    jurisdictions: contact.jurisdictions ? contact.jurisdictions.split(' ') : [],
    country: contact.jurisdictions ? contact.jurisdictions.split(' ')[0] : contact.country || undefined,
    status: contact.status === 'dud' || state.blocked === 'dud' ? 'dud' : 'active',
    doNotCall: state.blocked === 'dnc',
    tier: state.tier,
    dueAt: state.due_at,
    closed: state.closed as ClosedReason | null,
    voicemailRestUntil: state.voicemail_rest_until,
    lastAttemptAt: state.last_attempt_at,
    attemptsToday: state.attempts_today,
    capReached: state.cap_reached === 1,
    capRule: state.cap_rule,
    pinnedAt: state.pinned_at,
    hiddenUntil: state.hidden_until,
    why: state.why,
  };
}

/** A lead's contact and queue rows as read together (the lead's clock and badges need both). */
export interface LeadRows {
  contact: ContactRow;
  state: QueueStateRow;
}

export interface QueueFilter extends TierFilter, LeadFilter {
  zone: string | null;
}

const NO_IDS: ReadonlySet<number> = new Set();

/** What the rep does to a lead in the queue. */
export type QueueAction = { contactId: number } & ({ action: 'pin' | 'unpin' | 'remove' | 'restore' } | { action: 'skip'; reason?: string } | { action: 'snooze'; until: number });

export class QueueService {
  private readonly timelines = new Map<number, ZoneTimeline>();
  /** What the last picks learnt of each tier's head (queue/repo.ts TierReadMemory). */
  private readonly tierReads = new TierReadMemory();
  /** Each zone key's calling hours for the days ahead (leadNow), from the start of a UTC day:
   *  the call screen asks for them after every disposition, and they change only by day. */
  private readonly hoursAhead = new Map<number, { from: number; settings: QueueSettings; intervals: Interval[] }[]>();
  private keys: Map<number, CallableLead> | null = null;
  private queued: number | null = null;
  private readonly otherCommitted: () => boolean;
  private catchingUp = false;
  private closed = false;
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(private readonly ctx: CoreContext) {
    this.db = ctx.db;
    this.clock = ctx.clock;
    this.otherCommitted = otherConnectionWatch(ctx.db);
  }

  /** Another connection's commit (the CLI importing while the app runs) drops every cache. */
  private checkDataVersion(): void {
    if (this.otherCommitted()) this.rulesChanged();
  }

  /** The queue rules with the calling rules the desk has on; the same object until either
   *  changes, so the zone timelines stay cached. */
  settings(): QueueSettings {
    const queue = this.ctx.settings.get('queue');
    const choices = this.ctx.settings.get('law');
    if (this.rules?.queue !== queue || this.rules.choices !== choices) this.rules = { queue, choices, settings: { ...queue, law: lawFromChoices(choices) } };
    return this.rules.settings;
  }
  private rules: { queue: QueueSettings; choices: readonly LawChoice[]; settings: QueueSettings } | null = null;

  /** Build any queue rows an import left pending, before anything reads the queue. */
  ensureCaughtUp(): void {
    if (!hasQueueBacklog(this.db)) return;
    while (buildQueueFromBacklog(this.db, 50_000) > 0);
    this.leadsChanged();
  }

  /** After an import: build its leads' queue rows in steps of 10,000, yielding between them so
   *  the app keeps answering; the screens hear of it when all are in. */
  catchUpInBackground(): void {
    if (this.catchingUp) return;
    this.catchingUp = true;
    const step = () => {
      if (this.closed) return;
      try {
        if (buildQueueFromBacklog(this.db, 10_000) > 0) {
          setImmediate(step);
          return;
        }
      } catch (error) {
        // Left in the backlog: the next queue read builds it.
        console.error('[dialdeck] building queue rows failed:', error);
      }
      this.catchingUp = false;
      this.ctx.effects.leadsChanged(null);
    };
    setImmediate(step);
  }

  close(): void {
    this.closed = true;
  }

  /** A plan, pin or snooze changed: only the count is stale. */
  changed(): void {
    this.queued = null;
  }

  /** Leads were added or edited: a new zone key may exist. */
  leadsChanged(): void {
    this.keys = null;
    this.queued = null;
    this.warmSoon();
  }

  /** Calling hours or voicemail windows changed: every timeline is stale. */
  rulesChanged(): void {
    this.keys = null;
    this.queued = null;
    this.timelines.clear();
    this.hoursAhead.clear();
    this.pieces = null;
    this.warmSoon();
  }

  private zoneKeys(): Map<number, CallableLead> {
    this.checkDataVersion();
    this.keys ??= new Map(zoneKeys(this.db).map((row) => [row.id, leadOfZone(row)]));
    return this.keys;
  }

  private zoneLead(zoneId: number): CallableLead {
    return this.zoneKeys().get(zoneId) ?? { lineType: 'business', timeZones: [] };
  }

  private queuedCount(): number {
    this.checkDataVersion();
    this.queued ??= countQueued(this.db);
    return this.queued;
  }

  /** Whether calling hours (and the voicemail window) are open for a zone key at `at`. Built from
   *  the hour `at` falls in, so the keys asked at one moment share their pieces: the voicemail
   *  windows of a set of zones, and the calling hours of keys the same rules apply to (keys that
   *  differ only in places whose rules are off, or that do not bind their line type). */
  private timeline(zoneId: number, at: number, settings: QueueSettings, rebuild = false): ZoneTimeline {
    let timeline = this.timelines.get(zoneId);
    if (rebuild || !timeline || at < timeline.builtAt || at >= timeline.validUntil) {
      const lead = this.zoneLead(zoneId);
      const anchor = Math.floor(at / HOUR) * HOUR;
      const pieces = this.timelinePieces(anchor, settings);
      timeline = { builtAt: anchor, validUntil: anchor + TIMELINE_VALID, callable: [], voicemail: [] };
      if (lead.timeZones.length > 0) {
        const from = anchor - TIMELINE_BEFORE;
        const to = anchor + TIMELINE_SPAN;
        const zones = lead.timeZones.join(' ');
        const signature = `${zones}|${lead.lineType}|${lead.country ?? ''}|${rulesFor(lead, settings.law).map((rule) => rule.id).join(' ')}`;
        let callable = pieces.callable.get(signature);
        if (!callable) pieces.callable.set(signature, (callable = callableIntervals(lead, from, to, settings.callingHours, settings.law)));
        let voicemail = pieces.voicemail.get(zones);
        if (!voicemail) pieces.voicemail.set(zones, (voicemail = leadVoicemailWindows(lead.timeZones, from, to, settings.voicemail)));
        timeline.callable = callable;
        timeline.voicemail = voicemail;
      }
      this.timelines.set(zoneId, timeline);
    }
    return timeline;
  }

  /** The shared pieces of the timelines built from one hour with one set of rules. */
  private timelinePieces(anchor: number, settings: QueueSettings): { callable: Map<string, Interval[]>; voicemail: Map<string, Interval[]> } {
    if (this.pieces?.anchor !== anchor || this.pieces.settings !== settings) this.pieces = { anchor, settings, callable: new Map(), voicemail: new Map() };
    return this.pieces;
  }
  private pieces: { anchor: number; settings: QueueSettings; callable: Map<string, Interval[]>; voicemail: Map<string, Interval[]> } | null = null;

  zoneLeadOf(zoneId: number): CallableLead {
    return this.zoneLead(zoneId);
  }

  /** The voicemail windows of a zone key that overlap [from, to) (within two days of `from`). */
  voicemailWindowsBetween(zoneId: number, from: number, to: number): Interval[] {
    return this.timeline(zoneId, from, this.settings()).voicemail.filter((w) => w.end > from && w.start < to);
  }

  /** The next instant after `at` calling hours open or close for any zone key: who is offered
   *  may change then. Kept until that instant passes or the keys or rules change. */
  nextCallingBoundary(at: number): number | null {
    const settings = this.settings();
    if (this.boundary && this.boundary.keys === this.zoneKeys() && this.boundary.settings === settings && at >= this.boundary.from && (this.boundary.at === null || at < this.boundary.at)) return this.boundary.at;
    let next: number | null = null;
    for (const zoneId of this.zoneKeys().keys()) {
      const edge = nextEdge(this.timeline(zoneId, at, settings).callable, at);
      if (edge !== Infinity && (next === null || edge < next)) next = edge;
    }
    this.boundary = { keys: this.zoneKeys(), settings, from: at, at: next };
    return next;
  }
  private boundary: { keys: Map<number, CallableLead>; settings: QueueSettings; from: number; at: number | null } | null = null;

  zoneIds(): number[] {
    return [...this.zoneKeys().keys()];
  }

  /** The next instant after `at` calling hours or the voicemail window open in a zone key
   *  (Infinity when neither does within the timeline). Asked of every key with waiting leads at
   *  every re-arm, so it allocates nothing. */
  nextOpening(zoneId: number, at: number, settings: QueueSettings): number {
    const timeline = this.timeline(zoneId, at, settings);
    return Math.min(firstStartAfter(timeline.callable, at), firstStartAfter(timeline.voicemail, at));
  }

  /** A voicemail window that opened in (since, at] and is still open: until when, read where. */
  voicemailWindowOpenedBetween(zoneId: number, since: number, at: number, settings: QueueSettings): { until: number; zone: string } | null {
    const window = this.timeline(zoneId, at, settings).voicemail.find((i) => i.start > since && i.start <= at && at < i.end);
    return window ? { until: window.end, zone: this.zoneLead(zoneId).timeZones[0] ?? 'UTC' } : null;
  }

  zoneState(zoneId: number, at: number, settings: QueueSettings): ZonesNow {
    const timeline = this.timeline(zoneId, at, settings);
    const voicemail = containing(timeline.voicemail, at);
    return { callable: containing(timeline.callable, at) !== undefined, voicemailOpen: voicemail !== undefined, voicemailUntil: voicemail?.end ?? null };
  }

  /** The filter's rule (shared/domain/campaigns) for a queue row; memberships are read only
   *  when the filter asks about campaigns or tags. */
  private inFilter(row: QueueStateRow, filter: QueueFilter): boolean {
    const labels = filtersByLabels(filter);
    return leadMatchesFilter(
      {
        importId: row.import_id,
        kind: row.kind,
        timeZones: filter.zone === null ? [] : this.zoneLead(row.zone_id).timeZones,
        campaignIds: labels ? campaignIdsOf(this.db, row.contact_id) : NO_IDS,
        tagIds: labels ? tagIdsOf(this.db, row.contact_id) : NO_IDS,
      },
      filter,
    );
  }

  private keysMatching(zone: string | null): number[] {
    const ids: number[] = [];
    for (const [id, lead] of this.zoneKeys()) if (zone === null || lead.timeZones.includes(zone)) ids.push(id);
    return ids;
  }

  /** The queue at `at`: pinned first, then callbacks, inbound, voicemail window, retries, fresh. */
  entries(at: number, limit: number, filter: QueueFilter = NO_LEAD_FILTER): QueueEntry[] {
    return this.offered(at, limit, filter).map((o) => o.entry);
  }

  /** The entries with the contact and queue rows they were read from (the views need both; the
   *  call screen after a disposition reuses them rather than reading them again). */
  private offered(at: number, limit: number, filter: QueueFilter): { entry: QueueEntry; contact: ContactRow; state: QueueStateRow }[] {
    this.ensureCaughtUp();
    const settings = this.settings();
    const { callable, voicemailOpen, voicemailClosed, zones } = this.zonesAt(at, filter.zone, settings);
    const taken = new Set<number>();
    const result: { entry: QueueEntry; contact: ContactRow; state: QueueStateRow }[] = [];
    const take = (rows: QueueStateRow[]) => {
      for (const row of rows) {
        if (result.length >= limit) return;
        if (taken.has(row.contact_id)) continue;
        if (!this.inFilter(row, filter)) continue;
        const contact = getContact(this.db, row.contact_id);
        const zonesNow = zones.get(row.zone_id);
        const entry = contact && zonesNow ? queueEntryFor(toQueueLead(contact, row), at, settings, zonesNow) : null;
        if (contact && entry) {
          taken.add(row.contact_id);
          result.push({ entry, contact, state: row });
        }
      }
    };
    take(pinnedRows(this.db).filter((row) => callable.includes(row.zone_id)));
    const more = () => limit - result.length + taken.size;
    const tier = (name: StoredTier, keys: readonly number[], rest: RestFilter) => tierRows(this.db, tierRank(name), keys, at, more(), rest, filter, this.tierReads);
    if (result.length < limit) take(tier('callback', callable, 'any'));
    if (result.length < limit) take(tier('inbound', callable, 'any'));
    if (result.length < limit) take(tier('retry', voicemailOpen, 'rested'));
    if (result.length < limit) {
      const retries = [...tier('retry', voicemailClosed, 'any'), ...tier('retry', voicemailOpen, 'resting')];
      take(retries.sort((a, b) => a.wait_at - b.wait_at || a.contact_id - b.contact_id));
    }
    if (result.length < limit) take(tier('fresh', callable, 'any'));
    return result;
  }

  /** The zone keys (of one zone, or all) split by whether they are callable at `at` and whether
   *  their voicemail window is open. The split holds until the first edge of any key's hours or
   *  window after it, so it is made once per such stretch rather than at every pick (it was most
   *  of what a pick allocated). */
  private zonesAt(at: number, zone: string | null, settings: QueueSettings): ZoneSplit {
    const keys = this.zoneKeys();
    const kept = this.splits.get(zone);
    if (kept && kept.keys === keys && kept.settings === settings && at >= kept.from && at < kept.until) return kept;
    let until = Infinity;
    const callable: number[] = [];
    const voicemailOpen: number[] = [];
    const voicemailClosed: number[] = [];
    const zones = new Map<number, ZonesNow>();
    for (const key of this.keysMatching(zone)) {
      const timeline = this.timeline(key, at, settings);
      until = Math.min(until, timeline.validUntil, nextEdge(timeline.callable, at), nextEdge(timeline.voicemail, at));
      const state = this.zoneState(key, at, settings);
      zones.set(key, state);
      if (!state.callable) continue;
      callable.push(key);
      (state.voicemailOpen ? voicemailOpen : voicemailClosed).push(key);
    }
    const split: ZoneSplit = { keys, settings, from: at, until, callable, voicemailOpen, voicemailClosed, zones };
    this.splits.set(zone, split);
    return split;
  }
  private readonly splits = new Map<string | null, ZoneSplit>();

  view(entry: QueueEntry, contact: ContactRow, at: number): QueueEntryView {
    const zone = displayZone(entry.lead);
    return {
      contact: toContact(contact, entry.lead.doNotCall),
      tier: entry.tier,
      pinned: entry.pinned,
      reason: entry.reason,
      waitingSince: new Date(entry.waitingSince).toISOString(),
      localTime: localClock(at, zone),
      zone,
    };
  }

  /** The queue at `at` (now when left out), filtered. */
  list(request: QueueFilter & { at?: number; limit: number }): { entries: QueueEntryView[]; queued: number } {
    const at = request.at ?? this.clock.now().getTime();
    const offered = this.offered(at, request.limit, request);
    const loops = this.runningRedials();
    const shown = (o: (typeof offered)[number]) => {
      const loop = loops.get(o.contact.id);
      if (loop) return entryInRedialLoop(o.entry, loop);
      // A loop's attempt waiting for an answer says so already; any other latest call without a
      // disposition is said first.
      const last = o.contact.last_called_at;
      return last !== null && isCallOpenAt(this.db, o.contact.id, last) ? entryWithCallWaiting(o.entry, last) : o.entry;
    };
    return { entries: offered.map((o) => this.view(shown(o), o.contact, at)), queued: this.queuedCount() };
  }

  /** The leads in a running redial loop and what each loop is doing. There are few (one per lead
   *  found engaged in the last half hour), so each is looked at on its own. */
  private runningRedials(): Map<number, { attempts: number; awaitingConfirmation: boolean }> {
    const loops = new Map<number, { attempts: number; awaitingConfirmation: boolean }>();
    for (const loop of runningLoops(this.db)) loops.set(loop.contact_id, { attempts: loop.attempts, awaitingConfirmation: unconfirmedAttemptOf(this.db, loop) !== undefined });
    return loops;
  }

  next(at: number = this.clock.now().getTime(), filter: QueueFilter = NO_LEAD_FILTER): QueueEntryView | null {
    return this.nextOffer(at, filter)?.view ?? null;
  }

  /** The next lead with the rows it was picked from, for a caller that goes on to paint it. */
  nextOffer(at: number, filter: QueueFilter = NO_LEAD_FILTER): { view: QueueEntryView; rows: LeadRows } | null {
    const [first] = this.offered(at, 1, filter);
    return first ? { view: this.view(first.entry, first.contact, at), rows: { contact: first.contact, state: first.state } } : null;
  }

  /** Leads not offered now, with why and when they will be: soonest first. */
  notNow(request: QueueFilter & { at?: number; limit: number }): NotNowEntry[] {
    const at = request.at ?? this.clock.now().getTime();
    this.ensureCaughtUp();
    const settings = this.settings();
    const matching = this.keysMatching(request.zone);
    const closedKeys = matching.filter((k) => !this.zoneState(k, at, settings).callable);
    const rows = waitingRows(this.db, at, closedKeys, request.limit, request, request.zone === null ? null : matching);
    const out: NotNowEntry[] = [];
    for (const row of rows) {
      const contact = getContact(this.db, row.contact_id);
      if (!contact) continue;
      if (!this.inFilter(row, request)) continue;
      const lead = toQueueLead(contact, row);
      const why = whyNotNow(lead, at, settings);
      if (why.code === 'offered') continue;
      // A skip with a reason says it: "skipped (wrong person to call) until 14:00".
      const skipReason = why.code === 'hidden' && lead.hiddenUntil !== null ? skipReasonUntil(this.db, contact.id, lead.hiddenUntil) : null;
      out.push({
        contact: toContact(contact, lead.doNotCall),
        code: why.code,
        reason: skipReason ? why.reason.replace(/^snoozed/, `skipped (${skipReason.toLowerCase()})`) : why.reason,
        nextAt: isoOrNull(why.nextAt),
        localTime: localClock(at, displayZone(lead)),
      });
    }
    return out;
  }

  /** A rolling cap switched on holds the leads it already caps, as a call to them would have
   *  (otherwise the queue offered a lead the dial then refused). Returns how many it holds. */
  holdByCaps(): number {
    const now = this.ctx.clock.now().getTime();
    const settings = this.settings();
    let held = 0;
    this.db
      .transaction(() => {
        for (const contactId of contactsDialledSince(this.db, now - CAP_LOOKBACK_MS)) if (this.holdForLegalCap(contactId, now, settings)) held++;
      })
      .immediate();
    if (held > 0) this.ctx.effects.plansChanged();
    return held;
  }

  /** A legal rolling cap (Florida: 3 calls in 24 hours) holds the lead's planned call until it
   *  lets one through, as it holds every plan a call makes; returns the hold, or null. */
  private holdForLegalCap(contactId: number, now: number, settings: QueueSettings): { why: string } | null {
    const lead = this.leadOf(contactId);
    const hold = lead?.dueAt != null ? legalCapHold(lead, recentCallInstants(this.ctx, contactId, now), now, lead.dueAt, settings) : null;
    if (hold) holdForCap(this.db, contactId, hold.until, hold.rule, hold.why);
    return hold;
  }

  leadOf(contactId: number): QueueLead | null {
    return this.leadWithZone(contactId)?.lead ?? null;
  }

  /** The lead with its zone key (whose calling hours the queue keeps). */
  leadWithZone(contactId: number): { lead: QueueLead; zoneId: number } | null {
    const rows = this.leadRows(contactId);
    return rows ? { lead: toQueueLead(rows.contact, rows.state), zoneId: rows.state.zone_id } : null;
  }

  /** A lead's contact and queue rows, read once for a caller that needs both (null: no such lead).
   *  `caughtUp`: the caller has just read the queue (nothing can have been imported since). */
  leadRows(contactId: number, caughtUp = false): LeadRows | null {
    if (!caughtUp) this.ensureCaughtUp();
    const contact = getContact(this.db, contactId);
    const state = contact ? getQueueState(this.db, contactId) : undefined;
    return contact && state ? { contact, state } : null;
  }

  /** The call screen's badges for a lead at `at`: its clock, calling hours, the voicemail window
   *  and why it is (or is not) in the queue, read from the zone's cached timeline. */
  leadNow(contactId: number, at: number, loop: RedialLoop | null = null, rows: LeadRows | null = null): LeadNow {
    const found = rows && rows.contact.id === contactId ? { lead: toQueueLead(rows.contact, rows.state), zoneId: rows.state.zone_id } : this.leadWithZone(contactId);
    if (!found || found.lead.timeZones.length === 0) {
      return { localTime: '', zone: '', callable: false, callingHoursReason: 'no time zone known', voicemailWindowOpen: false, voicemailWindowUntil: null, queueReason: '', hours: { zones: [], callable: [], knownUntil: at } };
    }
    const { lead, zoneId } = found;
    const settings = this.settings();
    const zone = displayZone(lead);
    const timeline = this.timeline(zoneId, at, settings);
    const open = containing(timeline.callable, at);
    const voicemail = containing(timeline.voicemail, at);
    const zonesNow: ZonesNow = { callable: open !== undefined, voicemailOpen: voicemail !== undefined, voicemailUntil: voicemail?.end ?? null };
    // Closed: the rules themselves say why, naming the law that closes it ("Florida: calls
    // 8:00 AM–8:00 PM their time, opens at ⟦8:00 AM tomorrow⟧ (Fla. Stat. § 501.616(6))"), as the
    // override prompt does. Open: the same words as callingHours', from the cached timeline.
    const callingHoursReason = open ? insideHoursReason(lead, open.end) : callingHours(lead, new Date(at), settings.callingHours, settings.law).reason;
    const entry = queueEntryFor(lead, at, settings, zonesNow);
    return {
      localTime: localClock(at, zone),
      zone,
      callable: zonesNow.callable,
      callingHoursReason,
      voicemailWindowOpen: zonesNow.voicemailOpen,
      voicemailWindowUntil: voicemail ? timeToken(voicemail.end, zone) : null,
      queueReason: loop?.status === 'running' ? redialLoopReason(loop) : entry ? entry.reason : whyNotNow(lead, at, settings).reason,
      hours: { zones: [...lead.timeZones], callable: this.callableAhead(zoneId, lead, at, settings), knownUntil: at + HOURS_AHEAD_MS },
    };
  }

  /** callableIntervals(lead, at, at + HOURS_AHEAD_MS), from the zone key's hours computed once a
   *  day over one more day and clipped (clipping the merged hours gives the same intervals). */
  private callableAhead(zoneId: number, lead: CallableLead, at: number, settings: QueueSettings): Interval[] {
    return clipIntervals(this.hoursAheadFrom(zoneId, lead, utcDayOf(at), settings), at, at + HOURS_AHEAD_MS);
  }

  /** The zone key's hours from the start of one UTC day; today's and tomorrow's are kept. */
  private hoursAheadFrom(zoneId: number, lead: CallableLead, from: number, settings: QueueSettings): Interval[] {
    const found = this.keptHoursAhead(zoneId, from, settings);
    if (found) return found.intervals;
    // A key with no known zone is never callable (as its timeline says): nothing to compute, and
    // asking would throw, which stopped the warming of every key after it.
    const intervals = lead.timeZones.length === 0 ? [] : callableIntervals(lead, from, from + 24 * HOUR + HOURS_AHEAD_MS, settings.callingHours, settings.law);
    const ahead = { from, settings, intervals };
    // Built only on a miss: the day before and this one are kept (older days and other rules go).
    const kept = (this.hoursAhead.get(zoneId) ?? []).filter((a) => a.settings === settings && a.from >= from - 24 * HOUR);
    this.hoursAhead.set(zoneId, [...kept, ahead].slice(-2));
    return ahead.intervals;
  }

  private keptHoursAhead(zoneId: number, from: number, settings: QueueSettings): { intervals: Interval[] } | undefined {
    const kept = this.hoursAhead.get(zoneId);
    if (kept) for (const ahead of kept) if (ahead.from === from && ahead.settings === settings) return ahead;
    return undefined;
  }

  /** Zone keys whose timeline or hours ahead a reply at `at` would still have to build itself
   *  (none, once warming has caught up). */
  coldZoneKeys(at: number): number {
    const settings = this.settings();
    let cold = 0;
    for (const zoneId of this.zoneKeys().keys()) if (this.warmthNeeded(zoneId, at, settings) !== null) cold++;
    return cold;
  }

  /** What is missing for a zone key to answer at `at` and up to WARM_AHEAD_MS after it without
   *  building anything: its timeline, its hours ahead for that day or the next, or its zones'
   *  formatters (built once a process; a reply may have built the timeline in line before). */
  private warmthNeeded(zoneId: number, at: number, settings: QueueSettings): { timeline: boolean; days: number[]; formats: boolean } | null {
    const timeline = this.timelines.get(zoneId);
    const stale = !timeline || at < timeline.builtAt || at + WARM_AHEAD_MS >= timeline.validUntil;
    // Asked of every key at every heartbeat: nothing is allocated when nothing is missing.
    const today = utcDayOf(at);
    const soon = utcDayOf(at + WARM_AHEAD_MS);
    const todayMissing = this.keptHoursAhead(zoneId, today, settings) === undefined;
    const soonMissing = soon !== today && this.keptHoursAhead(zoneId, soon, settings) === undefined;
    const formats = !this.formatsReady.has(zoneId);
    if (!stale && !todayMissing && !soonMissing && !formats) return null;
    const days: number[] = [];
    if (todayMissing) days.push(today);
    if (soonMissing) days.push(soon);
    return { timeline: stale, days, formats };
  }

  /** Build, in the event loop's pauses, what the replies would otherwise build in line: a zone
   *  key's timeline before it expires (every key's once a day) and its calling hours ahead for
   *  today and, near midnight UTC, tomorrow (~2.5 ms a key, which lands on whichever disposition
   *  first shows a lead of that key that day). A few keys a turn, so the app keeps answering. */
  warmSoon(): void {
    if (this.warming || this.closed) return;
    this.warming = true;
    const step = () => {
      if (this.closed) return;
      let more = false;
      try {
        more = this.warmStep(this.clock.now().getTime());
      } catch (error) {
        // Nothing lost: the replies build what is missing themselves.
        console.error('[dialdeck] preparing calling hours in the background failed:', error);
      }
      if (more) setImmediate(step);
      else this.warming = false;
    };
    setImmediate(step);
  }
  private warming = false;
  /** Zone keys whose zones' formatters are built (they are kept for the process's life). */
  private readonly formatsReady = new Set<number>();

  /** Up to WARM_KEYS_PER_TURN zone keys' missing pieces; true while keys remain. */
  private warmStep(at: number): boolean {
    // An import's queue rows are still being built in their own small steps (catchUpInBackground,
    // which ends with leadsChanged and so warms again): building them all here would hold the
    // app for as long as those steps are meant to avoid.
    if (hasQueueBacklog(this.db)) return false;
    const settings = this.settings();
    let built = 0;
    // Keys, not entries: asked at every heartbeat, an entry pair per key was its main garbage.
    const keys = this.zoneKeys();
    for (const zoneId of keys.keys()) {
      const needed = this.warmthNeeded(zoneId, at, settings);
      if (needed === null) continue;
      if (built >= WARM_KEYS_PER_TURN) return true;
      const lead = keys.get(zoneId)!;
      if (needed.timeline) this.timeline(zoneId, at, settings, true);
      if (needed.formats) {
        for (const zone of lead.timeZones) prepareZoneFormats(zone);
        this.formatsReady.add(zoneId);
      }
      for (const day of needed.days) this.hoursAheadFrom(zoneId, lead, day, settings);
      built++;
    }
    return false;
  }

  /** Pin, unpin, snooze, skip, remove from or restore to the queue. */
  act(request: QueueAction): { contactId: number; message: string } {
    const { contactId } = request;
    this.ensureCaughtUp();
    const state = getQueueState(this.db, contactId);
    if (!state) throw new CoreError('not_found', `There is no lead with id ${contactId}.`);
    const now = this.clock.now().getTime();
    const lead = this.leadOf(contactId);
    const zone = lead ? displayZone(lead) : 'UTC';
    let message: string;
    this.db
      .transaction(() => {
        switch (request.action) {
          case 'pin':
            if (state.rank === null) throw new CoreError('conflict', 'This lead is out of the queue; restore it before pinning.');
            setPinned(this.db, contactId, now);
            message = 'Pinned to the top of the queue.';
            break;
          case 'unpin':
            setPinned(this.db, contactId, null);
            message = 'Unpinned.';
            break;
          case 'snooze': {
            const until = request.until;
            if (until <= now) throw new CoreError('invalid_request', 'Snooze until a time in the future.', { until: 'Choose a time after now' });
            requireWithinReach(until, now, 'until', 'The snooze time');
            setHidden(this.db, contactId, until, 'snooze');
            message = `Snoozed until ${timeToken(until, zone)}.`;
            break;
          }
          case 'skip': {
            const until = now + this.settings().skipMinutes * 60_000;
            setHidden(this.db, contactId, until, 'skip');
            if (request.reason) recordSkip(this.db, contactId, now, until, request.reason);
            message = `Skipped for ${this.settings().skipMinutes} min${request.reason ? `: ${request.reason}` : ''}.`;
            break;
          }
          case 'remove':
            setClosed(this.db, contactId, 'removed', 'removed from the queue by the rep');
            message = 'Removed from the queue.';
            break;
          case 'restore': {
            restoreToQueue(this.db, contactId, now);
            syncQueueRow(this.db, contactId);
            // A lead put back by hand is held by a legal rolling cap as a planned one is.
            const hold = this.holdForLegalCap(contactId, now, this.settings());
            message = hold ? `Back in the queue, held by a calling rule: ${hold.why}.` : 'Back in the queue.';
            break;
          }
        }
      })
      .immediate();
    // Restored: the lead's zone key may be new to the queue.
    if (request.action === 'restore') this.ctx.effects.leadsChanged(contactId);
    else this.ctx.effects.plansChanged();
    return { contactId, message: message! };
  }
}
