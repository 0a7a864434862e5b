// The call log as a file (#15, "Exports"): Dialdeck's own Excel-safe CSV, and the call-activity
// import formats of three CRMs. Each CRM's columns are the names its documentation gives (the
// README's "Exporting calls" table cites each page); a CRM format leaves out what a CRM should
// not learn as an activity: calls marked undone (they count nowhere) and dials the phone never
// took. Pure: the rows come from the export worker (electron/core/exports/rows.ts).
import { outcomeLabel, type Outcome } from './dispositions';
import { localDayBounds } from './localWindows';

export const CALL_EXPORT_FORMATS = ['csv', 'hubspot', 'salesforce', 'pipedrive'] as const;
export type CallExportFormat = (typeof CALL_EXPORT_FORMATS)[number];

/** A call as the exports read it. */
export interface ExportedCall {
  id: number;
  dialedAt: number;
  endedAt: number | null;
  direction: 'outbound' | 'inbound';
  outcome: Outcome | null;
  talkSeconds: number | null;
  redial: boolean;
  dialFailure: string | null;
  undoneAt: number | null;
  number: string;
  notes: string;
  nextStep: string | null;
  nextAt: number | null;
  callbackAt: number | null;
  reason: string | null;
  contactId: number;
  firstName: string;
  lastName: string;
  company: string;
  email: string;
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
const fullName = (c: ExportedCall) => `${c.firstName} ${c.lastName}`.trim();
const what = (c: ExportedCall) => (c.dialFailure !== null ? 'The phone did not take the number' : c.outcome === null ? 'No disposition' : outcomeLabel(c.outcome));
/** "Call: Voicemail left — Ada Lovelace (Acme)" */
const subject = (c: ExportedCall) => `${c.direction === 'inbound' ? 'Inbound call' : 'Call'}: ${what(c)} — ${fullName(c) || c.company}${fullName(c) && c.company ? ` (${c.company})` : ''}`;
/** The notes, with the outcome's detail a CRM has no column for. */
function body(c: ExportedCall): string {
  const lines = [c.notes];
  if (c.nextStep) lines.push(`Next step: ${c.nextStep}${c.nextAt === null ? '' : ` (${iso(c.nextAt)})`}`);
  if (c.callbackAt !== null) lines.push(`Callback requested for ${iso(c.callbackAt)}`);
  if (c.reason) lines.push(`Reason: ${c.reason}`);
  lines.push(`Number: ${c.number}`);
  return lines.filter((l) => l !== '').join('\n');
}
const pad = (n: number) => String(n).padStart(2, '0');

/** HubSpot's call status from the outcome: no answer and engaged lines are their own statuses. */
function hubspotStatus(c: ExportedCall): string {
  if (c.outcome === 'no_answer') return 'NO_ANSWER';
  if (c.outcome === 'engaged') return 'BUSY';
  return 'COMPLETED';
}

interface Format {
  headers: readonly string[];
  /** Whether the call belongs in this format's file. */
  includes: (c: ExportedCall) => boolean;
  /** `zone`: the rep's, for a field that is a date on their calendar. */
  cells: (c: ExportedCall, zone: string) => string[];
}

const activity = (c: ExportedCall) => c.undoneAt === null && c.dialFailure === null;

export const CALL_EXPORTS = new Map<CallExportFormat, Format>([
  [
    'csv',
    {
      headers: [
        'call_id', 'dialed_at', 'ended_at', 'direction', 'outcome', 'outcome_label', 'talk_seconds', 'redial', 'dial_failure', 'undone_at', 'contact_id',
        'first_name', 'last_name', 'company', 'email', 'number', 'notes', 'next_step', 'next_at', 'callback_at', 'reason',
      ],
      includes: () => true,
      cells: (c) => [
        String(c.id), iso(c.dialedAt), iso(c.endedAt), c.direction, c.outcome ?? '', what(c), c.talkSeconds === null ? '' : String(c.talkSeconds), c.redial ? 'yes' : 'no',
        c.dialFailure ?? '', iso(c.undoneAt), String(c.contactId), c.firstName, c.lastName, c.company, c.email, c.number, c.notes, c.nextStep ?? '', iso(c.nextAt),
        iso(c.callbackAt), c.reason ?? '',
      ],
    },
  ],
  [
    // HubSpot: the calls' internal property names (timestamp required), with the contact's
    // email for the import to associate each call with its contact.
    'hubspot',
    {
      headers: ['hs_timestamp', 'hs_call_title', 'hs_call_body', 'hs_call_direction', 'hs_call_duration', 'hs_call_status', 'hs_call_to_number', 'Email', 'First Name', 'Last Name', 'Company Name'],
      includes: activity,
      cells: (c) => [
        iso(c.dialedAt), subject(c), body(c), c.direction === 'inbound' ? 'INBOUND' : 'OUTBOUND', String((c.talkSeconds ?? 0) * 1000), hubspotStatus(c), c.number, c.email,
        c.firstName, c.lastName, c.company,
      ],
    },
  ],
  [
    // Salesforce: Task's API field names, as the Data Import Wizard and Data Loader map them;
    // WhoId (the Contact or Lead) is the org's own id, which Dialdeck does not know: left
    // empty for the rep to fill by email, which is given beside it.
    'salesforce',
    {
      headers: ['Subject', 'ActivityDate', 'Status', 'Priority', 'TaskSubtype', 'CallType', 'CallDurationInSeconds', 'CallDisposition', 'Description', 'WhoId', 'Email', 'Phone'],
      includes: activity,
      // ActivityDate is a date on the rep's calendar: an evening call in New York is on that day,
      // not on the next day's UTC date.
      cells: (c, zone) => [
        subject(c), localDayBounds(c.dialedAt, zone).iso, 'Completed', 'Normal', 'Call', c.direction === 'inbound' ? 'Inbound' : 'Outbound', String(c.talkSeconds ?? 0), what(c), body(c), '', c.email,
        c.number,
      ],
    },
  ],
  [
    // Pipedrive: an activity's fields (due time in UTC, duration HH:MM) and the person's and
    // organization's names that link it on import.
    'pipedrive',
    {
      headers: ['Subject', 'Type', 'Due date', 'Due time', 'Duration', 'Note', 'Done', 'Person name', 'Person email', 'Person phone', 'Organization name'],
      includes: activity,
      cells: (c) => {
        const at = new Date(c.dialedAt);
        const seconds = c.talkSeconds ?? 0;
        // Whole minutes only: to the nearest, and at least one for any talk, so a 40-second
        // call does not read as no talk at all.
        const minutes = seconds === 0 ? 0 : Math.max(1, Math.round(seconds / 60));
        return [
          subject(c), 'call', iso(c.dialedAt).slice(0, 10), `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`, `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
          body(c), '1', fullName(c), c.email, c.number, c.company,
        ];
      },
    },
  ],
]);
