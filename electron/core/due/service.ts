import type { Database } from 'better-sqlite3';
import type { DueItem, UpcomingEntry } from '../../../shared/ipc/contract';
import { localClock } from '../../../shared/domain/timeFormat';
import { dueBetween, dueRetriesByZone, markMissedShown, unshownMissedReport, zonesWithQueued } from './repo';
import { tierRank } from '../../../shared/domain/queueRules';
import type { QueueService } from '../queue/service';
import { dueItemView, type Scheduler } from '../scheduler/scheduler';
import { isoOrNull } from '../instants';

const HOUR = 3_600_000;

/** The "due now" strip: what is due and open, the unseen missed-while-closed report, and when
 *  the scheduler wakes next. */
export function dueList(db: Database, scheduler: Scheduler, now: number) {
  const missed = unshownMissedReport(db);
  const next = scheduler.nextWake(now);
  return {
    dueNow: scheduler.dueNow(now),
    missed: missed ? { id: missed.id, summary: missed.summary, items: JSON.parse(missed.items) as DueItem[] } : null,
    nextWakeAt: isoOrNull(next),
  };
}

/** The next `hours`: callbacks, tasks, and voicemail windows where queued retries wait, in order. */
export function upcoming(db: Database, queue: QueueService, now: number, hours: number): UpcomingEntry[] {
  const to = now + hours * HOUR;
  const entries: { at: number; entry: UpcomingEntry }[] = dueBetween(db, now, to).map((row) => ({ at: row.due_at, entry: dueItemView(row) as UpcomingEntry }));
  const zones = zonesWithQueued(db, [tierRank('retry')]);
  const waiting = dueRetriesByZone(db, zones, to);
  for (const zoneId of zones) {
    const count = waiting.get(zoneId) ?? 0;
    if (count === 0) continue;
    const zone = queue.zoneLeadOf(zoneId).timeZones[0] ?? 'UTC';
    for (const window of queue.voicemailWindowsBetween(zoneId, now, to)) {
      entries.push({
        at: window.start,
        entry: {
          kind: 'voicemail_window',
          zone,
          startsAt: new Date(window.start).toISOString(),
          endsAt: new Date(window.end).toISOString(),
          theirStart: localClock(window.start, zone),
          theirEnd: localClock(window.end, zone),
          queuedLeads: count,
        },
      });
    }
  }
  return entries.sort((a, b) => a.at - b.at).map((e) => e.entry);
}

/** The rep has seen the missed-while-closed report. */
export function ackMissed(db: Database, id: number, at: number): { id: number } {
  markMissedShown(db, id, at);
  return { id };
}
