// The calling rules as the desk sees and sets them, and why a lead may or may not be called.
import { timeIn } from '../../../shared/domain/timeFormat';
import { callingHours } from '../../../shared/domain/callingHours';
import { CAP_LOOKBACK_MS, DEFAULT_LAW, rulesBrokenAt, rulesFor, ruleSummary, type BrokenRule } from '../../../shared/domain/law/engine';
import { CALLING_RULES, RULES_BY_ID, type CallingRule } from '../../../shared/domain/law/rules';
import { queueEntryFor, whyNotNow, type QueueLead } from '../../../shared/domain/queueRules';
import type { LawChoice } from '../../../shared/domain/settings';
import type { CallingRuleView, LeadWhy, RuleChange } from '../../../shared/ipc/contract';
import { attemptsSince } from '../calls/repo';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import { isoOrNull } from '../instants';
import type { QueueService } from '../queue/service';
import { leadsByPlace, logRuleChange, ruleChanges } from './repo';

export interface RuleList {
  rules: CallingRuleView[];
  changes: RuleChange[];
}

/** Every rule Dialdeck knows, with the desk's choice and the active leads it applies to. */
export function ruleList(ctx: CoreContext): RuleList {
  const choices = new Map(ctx.settings.get('law').map((choice) => [choice.rule, choice]));
  const groups = leadsByPlace(ctx.db).map((g) => ({ places: new Set(g.jurisdictions.split(' ')), lineType: g.line_type, leads: g.leads }));
  const rules = CALLING_RULES.map((rule): CallingRuleView => {
    const choice = choices.get(rule.id);
    const leads = groups.reduce((sum, g) => (g.places.has(rule.place) && (rule.lines === 'all' || g.lineType === 'residential') ? sum + g.leads : sum), 0);
    return {
      id: rule.id,
      place: rule.place,
      name: rule.name,
      law: rule.law,
      citation: rule.citation,
      source: rule.source,
      effective: rule.effective,
      verified: rule.verified,
      lines: rule.lines,
      days: ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => rule.days[day]),
      holidays: rule.holidays,
      extraHolidays: rule.extraHolidays ?? null,
      cap: rule.cap ?? null,
      note: rule.note ?? null,
      summary: ruleSummary(rule),
      on: choice ? choice.on : rule.verified,
      defaultOn: rule.verified,
      reason: choice ? choice.reason || null : null,
      changedAt: choice ? choice.changedAt : null,
      leads,
    };
  });
  const changes = ruleChanges(ctx.db).map((row) => ({ id: row.id, rule: row.rule, on: row.on_ === 1, reason: row.reason, at: new Date(row.at).toISOString() }));
  return { rules, changes };
}

/** Switch a rule on or off. A verified rule goes off only with a reason; back to its default,
 *  the desk's choice is dropped. The choice and its log entry are committed together. */
export function setRule(ctx: CoreContext, queue: QueueService, request: { rule: string; on: boolean; reason: string }): RuleList {
  const rule = RULES_BY_ID.get(request.rule);
  if (!rule) throw new CoreError('invalid_request', `"${request.rule}" is not a calling rule Dialdeck knows.`, { rule: 'Choose a rule from the list' });
  if (!request.on && rule.verified && request.reason === '') {
    throw new CoreError('invalid_request', `Turning off ${rule.name} (${rule.citation}) needs a reason: it is recorded and shown on every call it allows.`, {
      reason: 'Say why this rule does not apply to your calls',
    });
  }
  const current = ctx.settings.get('law');
  const wasOn = current.find((c) => c.rule === rule.id)?.on ?? rule.verified;
  if (wasOn === request.on) return ruleList(ctx);
  const at = ctx.clock.now();
  const others = current.filter((choice) => choice.rule !== rule.id);
  const next: LawChoice[] = request.on === rule.verified ? others : [...others, { rule: rule.id, on: request.on, reason: request.reason, changedAt: at.toISOString() }];
  ctx.settings.writeInternal('law', next, () => logRuleChange(ctx.db, { rule: rule.id, on: request.on, reason: request.reason, at: at.getTime() }));
  // A cap switched on holds, from now, the leads it already caps. (Switched off, a hold it set
  // runs out at its time: stricter than needed, never a call the law forbids.)
  if (request.on && rule.cap) queue.holdByCaps();
  return ruleList(ctx);
}

/** The instants of the calls made to a lead that any rolling cap may count at `at`. */
export function recentCallInstants(ctx: CoreContext, contactId: number, at: number): number[] {
  return attemptsSince(ctx.db, contactId, at - CAP_LOOKBACK_MS).map((a) => a.at);
}

/** The rules a call to the lead at `at` breaks that the desk has switched off, as the call
 *  records them: "Florida (Fla. Stat. § 501.616(6)): calls 8:00 AM–8:00 PM their time; switched off
 *  on 2026-03-01: ‹reason›". Null when none. */
export function waivedBySwitchOff(ctx: CoreContext, broken: readonly BrokenRule[], enabled: ReadonlySet<string>): string | null {
  const off = broken.filter((b) => !enabled.has(b.rule.id));
  if (off.length === 0) return null;
  const choices = new Map(ctx.settings.get('law').map((choice) => [choice.rule, choice]));
  return off
    .map((b) => {
      const choice = choices.get(b.rule.id);
      const how = choice ? `switched off on ${choice.changedAt.slice(0, 10)}${choice.reason ? `: ${choice.reason}` : ''}` : 'unverified, off by default';
      return `${b.rule.name} (${b.rule.citation}): ${b.why}; ${how}`;
    })
    .join(' · ');
}

/** What the override dialled through: the rules that were on and broken, by name. */
export function waivedByOverride(broken: readonly BrokenRule[], enabled: ReadonlySet<string>): string | null {
  const on = broken.filter((b) => enabled.has(b.rule.id));
  return on.length === 0 ? null : `Override: ${on.map((b) => `${b.rule.name} (${b.rule.citation}): ${b.why}`).join(' · ')}`;
}

/** A call made on the desk phone and logged afterwards: the rules it broke, on or off. */
export function rulesBrokenOutsideTheApp(ctx: CoreContext, lead: QueueLead, at: number): string | null {
  if (lead.timeZones.length === 0) return null;
  const broken = rulesBrokenAt(lead, at, recentCallInstants(ctx, lead.id, at));
  return broken.length === 0 ? null : `Made outside the app: ${broken.map((b) => `${b.rule.name} (${b.rule.citation}): ${b.why}`).join(' · ')}`;
}

/** Why a lead is or is not callable at `at`, rule by rule. */
export function leadWhy(ctx: CoreContext, queue: QueueService, contactId: number, at: number): LeadWhy {
  const lead = queue.leadOf(contactId);
  if (!lead) throw new CoreError('not_found', `There is no lead with id ${contactId}.`);
  const settings = queue.settings();
  const law = settings.law ?? DEFAULT_LAW;
  const broken = new Map(lead.timeZones.length ? rulesBrokenAt(lead, at, recentCallInstants(ctx, contactId, at)).map((b) => [b.rule.id, b]) : []);
  const offered = queueEntryFor(lead, at, settings);
  const notNow = offered ? null : whyNotNow(lead, at, settings);
  const hours = lead.timeZones.length ? callingHours(lead, new Date(at), settings.callingHours, law) : null;
  const rule = (r: CallingRule) => ({ id: r.id, name: r.name, citation: r.citation, source: r.source, on: law.enabled.has(r.id), allows: !broken.has(r.id), why: broken.get(r.id)?.why ?? null });
  return {
    contactId,
    at: new Date(at).toISOString(),
    callable: offered !== null,
    zones: lead.timeZones.map((zone) => ({ zone, localTime: timeIn(at, zone) })),
    jurisdictions: [...(lead.jurisdictions ?? [])],
    lineType: lead.lineType,
    queue: offered ? { code: 'offered', reason: offered.reason, nextAt: new Date(at).toISOString() } : { code: notNow!.code, reason: notNow!.reason, nextAt: isoOrNull(notNow!.nextAt) },
    rules: rulesFor(lead, law, true).map(rule),
    nextOpen: offered ? new Date(at).toISOString() : (notNow?.nextAt ?? null) !== null ? new Date(notNow!.nextAt!).toISOString() : hours?.nextOpen ? hours.nextOpen.toISOString() : null,
  };
}
