// Scripts: stored, edited, imported and exported as Markdown files; and the one to show on a
// call, chosen from the lead's history, with its merge values.
import type { Database } from 'better-sqlite3';
import type { CoreContext } from '../context';
import type { Contact, ScriptForCall, ScriptView } from '../../../shared/ipc/contract';
import { checklistItems, duplicateNameMessage, fromMarkdownFile, nameTakenBy, objectionCards, situationFor, spokenPhone, toMarkdownFile, type MergeValues, type Situation } from '../../../shared/domain/scripts';
import { STARTER_SCRIPTS } from '../../../shared/domain/starterScripts';
import { normalizePhone } from '../../../shared/domain/phone';
import { formatForDisplay } from '../../../shared/domain/phoneFormat';
import { localClock, spokenDate } from '../../../shared/domain/timeFormat';
import { listCallsForContact, type CallRow } from '../calls/repo';
import { getImport } from '../imports/repo';
import { campaignsOf } from '../campaigns/repo';
import { deleteScript, getScript, getStarterScript, insertScript, listScripts, scriptsFor, taskTitlesOf, updateScript, type ScriptRow } from './repo';
import { CoreError } from '../errors';
import { requireContact, toContact } from '../contacts/service';
import type { ContactRow } from '../contacts/repo';
import type { SettingValues } from '../../../shared/domain/settings';

/** The starter scripts exist (written once; the rep's edits are kept; restore brings them back). */
export function seedStarterScripts(db: Database, at: number): void {
  db.transaction(() => {
    for (const starter of STARTER_SCRIPTS) {
      if (!getStarterScript(db, starter.key)) insertScript(db, { name: starter.name, situation: starter.situation, campaign: '', body: starter.body, starterKey: starter.key, at });
    }
  }).immediate();
}

export function scriptView(row: ScriptRow): ScriptView {
  return {
    id: row.id,
    name: row.name,
    situation: row.situation,
    campaign: row.campaign,
    body: row.body,
    starter: row.starter_key !== null,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Refuse a name another script has (case and spaces aside), beside the name field; `self` is
 *  the script renamed (its own name, kept, is no duplicate). */
function refuseDuplicateName(db: Database, name: string, self?: ScriptRow): void {
  const same = nameTakenBy(name, listScripts(db), self);
  if (same) {
    const message = duplicateNameMessage('a script', same.name);
    throw new CoreError('conflict', message, { name: message });
  }
}

function requireScript(db: Database, id: number): ScriptRow {
  const row = getScript(db, id);
  if (!row) throw new CoreError('not_found', `There is no script with id ${id}.`);
  return row;
}

/** A script as the rep writes it (the editor, an imported file). */
export interface ScriptDraft {
  name: string;
  situation: Situation;
  campaign: string;
  body: string;
}

export class ScriptsService {
  /** A script's checklist and objection cards, read from its Markdown once per version. */
  private readonly parts = new Map<number, { updatedAt: number; checklist: string[]; objections: ReturnType<typeof objectionCards> }>();

  constructor(private readonly ctx: CoreContext) {}

  private partsOf(script: ScriptRow): { checklist: string[]; objections: ReturnType<typeof objectionCards> } {
    const cached = this.parts.get(script.id);
    if (cached && cached.updatedAt === script.updated_at) return cached;
    const fresh = { updatedAt: script.updated_at, checklist: checklistItems(script.body), objections: objectionCards(script.body) };
    this.parts.set(script.id, fresh);
    return fresh;
  }

  all(): ScriptView[] {
    return listScripts(this.ctx.db).map(scriptView);
  }

  /** A new script (no id) or a change to one. */
  save(id: number | undefined, draft: ScriptDraft): ScriptView {
    const { db, clock } = this.ctx;
    const at = clock.now().getTime();
    const saved = db
      .transaction(() => {
        if (id === undefined) {
          refuseDuplicateName(db, draft.name);
          return insertScript(db, { ...draft, starterKey: null, at });
        }
        refuseDuplicateName(db, draft.name, requireScript(db, id));
        updateScript(db, id, { ...draft, at });
        return id;
      })
      .immediate();
    return scriptView(requireScript(db, saved));
  }

  /** A starter script back to the text it shipped with. */
  restore(id: number): ScriptView {
    const { db, clock } = this.ctx;
    const row = requireScript(db, id);
    const starter = STARTER_SCRIPTS.find((s) => s.key === row.starter_key);
    if (!starter) throw new CoreError('conflict', 'Only a starter script can be restored; this one was written here.');
    db.transaction(() => {
      const same = nameTakenBy(starter.name, listScripts(db), row);
      if (same) throw new CoreError('conflict', `Restoring would give this script the name “${starter.name}”, which “${same.name}” already has: rename that one first.`);
      updateScript(db, id, { name: starter.name, situation: starter.situation, campaign: row.campaign, body: starter.body, at: clock.now().getTime() });
    }).immediate();
    return scriptView(requireScript(db, id));
  }

  remove(id: number): { id: number } {
    const row = requireScript(this.ctx.db, id);
    if (row.starter_key !== null) throw new CoreError('conflict', 'A starter script cannot be deleted; edit it, or restore it to the text it shipped with.');
    deleteScript(this.ctx.db, id);
    return { id };
  }

  /** A Markdown file with front matter, as a new script. */
  import(fileName: string, text: string): ScriptView {
    const parsed = fromMarkdownFile(text, fileName);
    if (!parsed.ok) throw new CoreError('invalid_request', parsed.reason, { file: parsed.reason });
    const { db } = this.ctx;
    const id = db
      .transaction(() => {
        const same = nameTakenBy(parsed.script.name, listScripts(db));
        if (same) throw new CoreError('conflict', `${fileName} is called “${parsed.script.name}”, and there is already a script called “${same.name}”: rename yours, or change the name: line in the file, then import it again.`);
        return insertScript(db, { ...parsed.script, starterKey: null, at: this.ctx.clock.now().getTime() });
      })
      .immediate();
    return scriptView(requireScript(this.ctx.db, id));
  }

  export(id: number): { fileName: string; text: string } {
    const row = requireScript(this.ctx.db, id);
    const slug = row.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'script';
    return { fileName: `${slug}.md`, text: toMarkdownFile(row) };
  }

  /** The script for this call: by situation (from the history, or the rep's choice) and campaign
   *  (the lead's import), with its sections' checklist and objection cards and the merge values. */
  forCall(contactId: number, options: { situation?: Situation; scriptId?: number; voicemailMode: boolean }): ScriptForCall {
    return this.forCallOf(requireContact(this.ctx.db, contactId), listCallsForContact(this.ctx.db, contactId), options);
  }

  /** The same for a lead whose row and calls the caller has already read. */
  forCallOf(
    row: ContactRow,
    calls: readonly CallRow[],
    options: { situation?: Situation; scriptId?: number; voicemailMode: boolean; campaigns?: readonly { id: number; name: string; script_id: number | null }[] },
  ): ScriptForCall {
    const { db, clock } = this.ctx;
    const contact = toContact(row, false);
    const complaint = Object.entries(contact.customFields).some(([k, v]) => /complain/i.test(k) || /complain/i.test(v));
    const auto = situationFor({
      calls: calls.map((c) => ({ outcome: c.outcome, nextStep: c.next_step, undone: c.undone_at !== null })),
      taskTitles: taskTitlesOf(db, row.id),
      complaint,
      voicemailMode: options.voicemailMode,
    });
    const situation: Situation = options.situation ?? auto;
    const leadCampaigns = options.campaigns ?? campaignsOf(db, row.id);
    // The script chosen for the lead's campaign (the first it joined that has one), unless the
    // rep picked a situation, or the call is a voicemail or a complaint (those keep their own
    // scripts); else by situation and campaign (its campaigns' names, or its import's file name).
    const byCampaign = options.situation === undefined && auto !== 'voicemail' && auto !== 'complaint' ? leadCampaigns.find((c) => c.script_id !== null) : undefined;
    const chosen = byCampaign?.script_id != null ? getScript(db, byCampaign.script_id) : undefined;
    const campaigns = [...leadCampaigns.map((c) => c.name), ...(row.import_id !== null ? [getImport(db, row.import_id)?.file_name ?? ''].filter(Boolean) : [])];
    // A script picked from the numbered list (G) is shown as it is.
    const picked = options.scriptId !== undefined ? requireScript(db, options.scriptId) : undefined;
    const script = picked ?? chosen ?? scriptsFor(db, situation, campaigns)[0];
    const parts = script ? this.partsOf(script) : { checklist: [], objections: [] };
    return {
      situation: picked?.situation ?? chosen?.situation ?? situation,
      autoSituation: auto,
      campaign: !picked && chosen && byCampaign ? byCampaign.name : null,
      script: script ? scriptView(script) : null,
      checklist: parts.checklist,
      objections: parts.objections,
      values: mergeValuesFor(this.ctx.settings.all(), contact, calls, clock.now().getTime()) as Record<string, string>,
    };
  }
}

/** The rep's own number as the settings hold it, parsed once per value: every lead's script asks
 *  for it, and parsing it is tens of µs. */
let repPhoneParsed: { text: string; country: string; result: ReturnType<typeof normalizePhone> } | null = null;
function repPhoneOf(text: string, country: string): ReturnType<typeof normalizePhone> {
  if (repPhoneParsed?.text !== text || repPhoneParsed.country !== country) repPhoneParsed = { text, country, result: normalizePhone(text, country) };
  return repPhoneParsed.result;
}

/** The merge values for a lead now: its fields, its local time, the rep, the last agreed step. */
export function mergeValuesFor(settings: SettingValues, contact: Contact, calls: readonly CallRow[], at: number): MergeValues {
  const zone = contact.timeZones[0];
  // An undone call counts nowhere: neither its step nor its date is "the last call".
  const withStep = calls.find((c) => c.next_step && c.undone_at === null);
  // "When we spoke on {{lastCall.date}} we agreed {{lastCall.nextStep}}": the date of the call the
  // step was agreed on, not of an unanswered try since; with no step, the last call's.
  const lastDone = withStep ?? calls.find((c) => c.outcome !== null && c.undone_at === null);
  const repPhone = settings.repPhone ? repPhoneOf(settings.repPhone, settings.defaultCountry) : null;
  const values: MergeValues = {
    'contact.firstName': contact.firstName,
    'contact.lastName': contact.lastName,
    'contact.company': contact.company,
    'contact.title': contact.title,
    'contact.localTime': zone ? localClock(at, zone) : '',
    'me.name': settings.repName,
    'me.phone': repPhone?.ok ? spokenPhone(formatForDisplay(repPhone.e164, repPhone.extension)) : settings.repPhone,
    'lastCall.nextStep': withStep?.next_step ?? '',
    'lastCall.date': lastDone ? spokenDate(lastDone.dialed_at, zone ?? 'UTC') : '',
  };
  for (const [key, value] of Object.entries(contact.customFields)) values[`contact.custom.${key}`] = value;
  return values;
}
