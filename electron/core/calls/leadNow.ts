import type { z } from 'zod';
import type { LeadNowSchema, RedialLoop } from '../../../shared/ipc/contract';
import { callingHours } from '../../../shared/domain/callingHours';
import { displayZone, queueEntryFor, voicemailWindowOpen, whyNotNow } from '../../../shared/domain/queueRules';
import { localClock } from '../../../shared/domain/localWindows';
import type { QueueService } from '../queue/service';

/** The call screen's badges: the lead's clock, calling hours, voicemail window, queue reason. */
export function leadNow(queue: QueueService, contactId: number, at: number, loop: RedialLoop | null = null): z.infer<typeof LeadNowSchema> {
  const lead = queue.leadOf(contactId);
  const settings = queue.settings();
  if (!lead || lead.timeZones.length === 0) {
    return { localTime: '', zone: '', callable: false, callingHoursReason: 'no time zone known', voicemailWindowOpen: false, voicemailWindowUntil: null, queueReason: '' };
  }
  const zone = displayZone(lead);
  const hours = callingHours(lead, new Date(at), settings.callingHours);
  const voicemail = voicemailWindowOpen(lead, at, settings);
  const entry = queueEntryFor(lead, at, settings, { callable: hours.allowed, voicemailOpen: voicemail.open, voicemailUntil: voicemail.until });
  return {
    localTime: localClock(at, zone),
    zone,
    callable: hours.allowed,
    callingHoursReason: hours.reason,
    voicemailWindowOpen: voicemail.open,
    voicemailWindowUntil: voicemail.until === null ? null : localClock(voicemail.until, zone),
    queueReason: loop?.status === 'running' ? `engaged: in the redial loop (attempt ${loop.attempts + 1} next)` : entry ? entry.reason : whyNotNow(lead, at, settings).reason,
  };
}
