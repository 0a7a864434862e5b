// The admin command line over the same core the app runs: `npm run cli -- <command> [options]`.
import { parseArgs } from 'node:util';
import { NewerDatabaseError } from '../core/db/migrations';
import { CoreError } from '../core/errors';
import { runCheck, formatCheck } from './check';
import { COMMANDS, type CliContext } from './commands';
import { drawTimes } from '../../shared/domain/timeText';
import { leadTimeDrawer } from '../../shared/domain/timeFormat';

/** The core's texts carry their times as tokens (shared/domain/timeText.ts): the CLI draws them
 *  as the screens do, the lead's time with its zone and the desk's beside it where they differ,
 *  with the date when it is not the day of the command's clock (--at, or now). */
function readable(text: string, at: string | undefined): string {
  const parsed = at === undefined ? Number.NaN : Date.parse(at);
  const now = Number.isFinite(parsed) ? parsed : Date.now();
  return drawTimes(text, leadTimeDrawer(now));
}

const USAGE = `Usage: npm run cli -- <command> [arguments] [--data-dir DIR] [--json]

Commands:
  check                         open the database, run migrations and a quick integrity check,
                                print the schema version and row counts
  import <file>                 import a CSV/TSV lead file
      [--country CC]              default country for numbers without +country (default: settings)
      [--mapping auto|<json>]     auto (remembered, else suggested) or a JSON array, one target per column
      [--on-duplicate merge|skip] what to do with a row whose phone or email is already known (merge)
      [--lines business|residential|mixed]  what the file's leads are where a row has no line
                                  type (mixed: such a row is residential, the stricter rules)
      [--encoding E] [--delimiter D]  override detection (utf-8, utf-16le, utf-16be, windows-1252; , ; tab |)
  contacts [--search TEXT]      list leads with e164, extension, timeZones, tzSource, status,
                                duplicateOf and rejection (and rows that became no lead of their own)
  export contacts|duds --out F  write contacts, or the rejected rows to return ("duds"), as CSV
      [--import ID]               duds of one import only
  dnc add <phone>               add a number to the do-not-call list
  dnc import <file>             add every number in a file (one per row)
  dnc list                      list the do-not-call numbers
  queue [--at ISO] [--limit N]  the queue in order: tier, reason, the lead's local time
  why <contactId> [--at ISO]     whether the lead may be called now and why, rule by rule: each
                                calling rule that applies (id, on/off, what it forbids, citation),
                                the queue's reason and the next time it is callable
  log <contactId> <outcome>     record a call made on the desk phone and its disposition;
      [--at ISO] [--note TEXT]    prints the call id once saved. The outcome is its key on the
      [--next-step TEXT --next-at ISO]  call screen or its name: 1 no_answer, 2 engaged,
      [--callback-at ISO]         3 voicemail_left, 4 gatekeeper, 5 conversation, 6 advance,
      [--reason TEXT]             7 conversion, 8 not_interested, 9 callback_requested,
      [--gatekeeper NAME]         0 wrong_number, D do_not_call ("no-answer", "No answer" too);
      [--inbound [--duration S]]  --inbound: a call the prospect made (that long, in seconds)
  calls [--contact ID] [--search TEXT] [--limit N]  the call log, newest first
  undo <callId> [--yes] [--at ISO]  undo a call's disposition: the lead, its queue place, the
                                do-not-call entry and any task or callback it made go back as
                                they were; the call stays in the log marked undone. A
                                do-not-call only within its window (a setting) and with --yes
  due [--at ISO]                what is due (callbacks, tasks) and when the app wakes next
  windows --zone IANA|--contact ID --from ISO [--days N]
                                the best-voicemail windows as UTC instants (both zones' for a
                                lead with two)
  backup [--out FILE]           an online backup now (calls may go on being logged), checked
                                with quick_check; into backups/ beside the database unless --out
  backups                       the backups in backups/: time, size, schema version, call count
  restore FILE [--yes]          put a backup in place of the call log: the file is checked first
                                (integrity, not from a newer Dialdeck), the current file is kept
                                (backed up, or moved aside if damaged); refused while another
                                Dialdeck has the call log open. Without --yes it only says what
                                it would do.
  tasks [--at ISO] [--due]      every open task (email, call, promise) by due time; --due: only
                                those due at --at (default now)
  task done <id> [--at ISO]     mark a task done
  promise add <contactId> --what TEXT --due ISO [--to NAME] [--at ISO]
                                record a promise; prints its id once saved
  promises [--at ISO] [--overdue | --state open|overdue|kept|broken]  promises in that state (open by default), each with overdue true/false
  promise kept <id> [--note TEXT]  mark a promise kept, with how
  export tasks --out FILE       every open task as CSV
  export lost --out FILE [--from ISO --to ISO]
                                the lost and stalled report as CSV, a row per lost call and
                                per stalled lead, with the notes
  report lost [--from ISO --to ISO]  lost (not interested) reasons by count and by import, with
                                each call's notes; stalled leads (an agreed next step 3 days
                                past with no call since)
  call-event connected|ended --number E164 [--duration S] [--at ISO]
                                what the desk's softphone reports: matched to the open or latest
                                call to that number within a few minutes (an end with --duration
                                sets its talk time); an event for no call is kept as unmatched
  team init --url ADMIN_URL      create or update the team schema in the team's PostgreSQL
  team add-rep --url ADMIN_URL --rep NAME [--publisher]
                                a login role for a rep (a publisher may publish leads); prints
                                the URL the rep's desk joins with
  team join --url URL --rep NAME [--lease-hours H]
                                join this desk to the team; the URL is kept in team-url beside
                                the database (mode 0600; the app keeps it in the OS keychain)
  team publish <importId>|--all put an import's leads (or all) in the team pool
  team claim [--count N]        claim N leads (50) from the pool into this desk's queue
  team sync                     send what this desk logged, fetch the team's do-not-call list,
                                renew leases ({pushed, pulled} with --json)
  team status                   last sync, what waits to be sent, leads held, conflicts
  team stats [--from ISO --to ISO]  dials, conversations, advances, conversions per rep and team
  stats [--from ISO] [--to ISO] [--by day|hour|import] [--campaign NAME|ID] [--tag NAME|ID]
                                the numbers of a range (default: today): dials, connects,
                                conversations, advances, conversions, talkSeconds, voicemails,
                                voicemailsReturned and their rates; per group with --by; only
                                the calls of a campaign's and/or a tag's leads with --campaign/--tag
  heatmap --metric connect|voicemail-return [--from ISO] [--to ISO]
                                the rate by the prospect's local weekday × hour (06–21), with
                                counts and a 90 % credible interval per cell
  campaign add <name>           name a campaign (names compare ignoring case and spaces)
  campaign list                 the campaigns: id, name, leads, the script chosen for them
  campaign assign <campaign> <leadId>… | --import ID
                                add leads (or every lead an import brought) to a campaign, by
                                its id or name (a new name makes the campaign)
  tag <leadId> <tag>            tag a lead (a new tag is made; "," and ";" are not allowed)
  export calls --format csv|hubspot|salesforce|pipedrive --out FILE [--from ISO] [--to ISO]
                                the call log as Excel-safe CSV, or as a CRM's call-activity
                                import file (default: the whole log)

Options:
  --data-dir DIR   the folder holding dialdeck.sqlite (default: DIALDECK_DATA_DIR,
                   else the app's user-data folder)
  --json           print JSON instead of text
  --help           this text`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  // `tasks --due` is a switch and `promise add --due ISO` takes an instant: a bare --due is the switch.
  const normalisedArgv = argv.map((arg, i) => (arg === '--due' && (i === argv.length - 1 || argv[i + 1]!.startsWith('--')) ? '--due=' : arg));
  try {
    parsed = parseArgs({
      args: normalisedArgv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        country: { type: 'string' },
        mapping: { type: 'string' },
        'on-duplicate': { type: 'string' },
        lines: { type: 'string' },
        encoding: { type: 'string' },
        delimiter: { type: 'string' },
        search: { type: 'string' },
        out: { type: 'string' },
        import: { type: 'string' },
        at: { type: 'string' },
        limit: { type: 'string' },
        note: { type: 'string' },
        'next-step': { type: 'string' },
        'next-at': { type: 'string' },
        'callback-at': { type: 'string' },
        reason: { type: 'string' },
        contact: { type: 'string' },
        zone: { type: 'string' },
        from: { type: 'string' },
        days: { type: 'string' },
        yes: { type: 'boolean', default: false },
        number: { type: 'string' },
        duration: { type: 'string' },
        url: { type: 'string' },
        rep: { type: 'string' },
        count: { type: 'string' },
        all: { type: 'boolean', default: false },
        publisher: { type: 'boolean', default: false },
        to: { type: 'string' },
        'lease-hours': { type: 'string' },
        due: { type: 'string' },
        overdue: { type: 'boolean' },
        state: { type: 'string' },
        what: { type: 'string' },
        inbound: { type: 'boolean', default: false },
        gatekeeper: { type: 'string' },
        by: { type: 'string' },
        metric: { type: 'string' },
        format: { type: 'string' },
        campaign: { type: 'string' },
        tag: { type: 'string' },
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const json = values.json ?? false;
  try {
    if (command === 'check') {
      const report = runCheck(values['data-dir']);
      process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCheck(report)}\n`);
      return report.ok ? 0 : 1;
    }
    const run = COMMANDS.get(command);
    if (!run) {
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
    }
    const context: CliContext = { args, values, json, out: (text) => process.stdout.write(readable(text, values.at)), err: (text) => process.stderr.write(readable(text, values.at)) };
    return await run(context);
  } catch (error) {
    const message = readable(
      error instanceof NewerDatabaseError || error instanceof CoreError || error instanceof Error ? error.message : String(error),
      values.at,
    );
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    else process.stderr.write(`Error: ${message}\n`);
    return error instanceof CoreError && error.code === 'invalid_request' ? 2 : 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`Error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
