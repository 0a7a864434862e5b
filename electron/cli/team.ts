// `team …`: team mode from the command line (issue #17). The desk's connection URL is kept in a
// file beside its database, mode 0600 (the command line has no keychain), and the commands say so.
import { createCore } from '../core/core';
import { CoreError } from '../core/errors';
import { pathsFor, resolveDataDir } from '../core/paths';
import { countryFromLocale } from '../core/settings/locale';
import { fileSecrets, teamUrlFile } from '../core/team/secrets';
import { addRep, initTeam, TeamService } from '../core/team/service';
import { DEFAULT_LEASE_MS } from '../../shared/domain/team';
import type { CliContext } from './commands';

function openTeam(context: CliContext) {
  const dataDir = resolveDataDir(context.values['data-dir'] as string | undefined);
  const core = createCore({
    paths: pathsFor(dataDir),
    clock: { now: () => new Date(), runs: true, monotonic: () => performance.now(), setTimer: () => ({ cancel: () => undefined }) },
    startTimers: false,
    dialer: { open: () => Promise.reject(new Error('the command line does not dial')) },
    notifier: { notify: () => undefined },
    initialCountry: countryFromLocale(process.env.LANG),
  });
  return { core, team: new TeamService(core.context, fileSecrets(teamUrlFile(dataDir))) };
}

function required(context: CliContext, flag: string, example: string): string {
  const value = context.values[flag];
  if (typeof value !== 'string' || value === '') throw new CoreError('invalid_request', `Give --${flag} ${example}.`);
  return value;
}

function instant(context: CliContext, flag: string, fallback: Date): Date {
  const value = context.values[flag] as string | undefined;
  if (value === undefined) return fallback;
  const at = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at)) throw new CoreError('invalid_request', `--${flag} must be an ISO instant such as 2026-03-02T00:00:00Z.`);
  return new Date(at);
}

const print = (context: CliContext, value: unknown, text: string) => context.out(context.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

export async function teamCommand(context: CliContext): Promise<number> {
  const [action, ...rest] = context.args;
  if (action === 'init') {
    const result = await initTeam(required(context, 'url', "URL (an administrator's postgres:// URL)"));
    print(context, result, result.applied.length ? `Team schema at version ${result.version} (applied ${result.applied.join(', ')}).` : `Team schema already at version ${result.version}.`);
    return 0;
  }
  if (action === 'add-rep') {
    const result = await addRep(required(context, 'url', "URL (an administrator's postgres:// URL)"), required(context, 'rep', 'NAME'), { canPublish: context.values.publisher === true });
    print(context, result, `Role ${result.role} created. The rep's desk joins with:\n  team join --url '${result.url}' --rep '${context.values.rep as string}'\nGive this URL to the rep only: it holds the role's password.`);
    return 0;
  }
  const { core, team } = openTeam(context);
  try {
    if (action === 'join') {
      const leaseHours = context.values['lease-hours'] === undefined ? DEFAULT_LEASE_MS / 3_600_000 : Number(context.values['lease-hours']);
      if (!(leaseHours > 0 && leaseHours <= 24 * 7)) throw new CoreError('invalid_request', '--lease-hours must be above 0 and at most a week (168).');
      const result = await team.join(required(context, 'url', 'URL'), required(context, 'rep', 'NAME'), Math.round(leaseHours * 3_600_000));
      print(context, result, `Joined as ${result.rep} (role ${result.role}, desk #${result.deskId}). The connection URL is kept in ${result.urlKept}.`);
      return 0;
    }
    if (action === 'publish') {
      const all = context.values.all === true;
      const importId = rest[0] === undefined ? null : Number(rest[0]);
      if (all === (importId !== null) || (importId !== null && !(Number.isInteger(importId) && importId > 0))) throw new CoreError('invalid_request', 'Say what to publish: team publish <importId> or team publish --all.');
      const result = await team.publish(importId);
      print(context, result, `${result.published} leads published to the team pool (${result.alreadyPublished} were already there; ${result.doNotCall} do-not-call numbers shared).`);
      return 0;
    }
    if (action === 'claim') {
      const count = Number(context.values.count ?? '50');
      const result = await team.claim(count);
      print(context, result, [...result.claimed.map((c) => `#${c.contactId} ${c.name}  ${c.e164 ?? '(no number)'}  lease until ${c.leaseUntil}`), `${result.claimed.length} leads claimed.`].join('\n'));
      return 0;
    }
    if (action === 'sync') {
      const result = await team.sync();
      // What the server would not take is known to this run's sync only (kept in memory): said here.
      const after = team.status();
      const refused = after.joined ? after.refused : [];
      print(context, { ...result, refused }, [
        `Pushed ${result.pushed}; pulled ${result.pulled.dnc} do-not-call numbers, ${result.pulled.calls} calls by others; ${result.pulled.leasesHeld} leases held (renewed as due), ${result.pulled.leasesLost} lost; ${result.conflicts} conflicts.`,
        ...refused.map((r) => `not taken by the team database: ${r.what}${r.at ? ` (${r.at})` : ''}: ${r.reason}`),
      ].join('\n'));
      return 0;
    }
    if (action === 'status') {
      const status = team.status();
      print(
        context,
        status,
        status.joined
          ? [`${status.rep} (role ${status.role}); last sync ${status.lastSyncAt ?? 'never'}${status.lastSyncError ? ` — failed since: ${status.lastSyncError}` : ''}`,
             `${status.outbox} waiting to be sent; ${status.claimed} leads held`,
             ...status.conflicts.map((c) => `conflict: call #${c.callId} to ${c.name} (${c.outcome ?? 'no outcome'}): ${c.reason}`)].join('\n')
          : `Not in a team (${status.outbox} waiting). Join with team join --url URL --rep NAME.`,
      );
      return 0;
    }
    if (action === 'stats') {
      const to = instant(context, 'to', new Date());
      const from = instant(context, 'from', new Date(to.getTime() - 7 * 86_400_000));
      const stats = await team.stats(from, to);
      const line = (name: string, s: { dials: number; conversations: number; advances: number; conversions: number }) =>
        `${name.padEnd(20)} ${String(s.dials).padStart(6)} ${String(s.conversations).padStart(6)} ${String(s.advances).padStart(6)} ${String(s.conversions).padStart(6)}`;
      print(context, stats, [`${'rep'.padEnd(20)}  dials  conv.   adv.  conv'd`, ...stats.reps.map((r) => line(r.rep, r)), line('team', stats.team), `${stats.pool} leads in the pool`].join('\n'));
      return 0;
    }
    throw new CoreError('invalid_request', 'team takes init, add-rep, join, publish, claim, sync, status or stats.');
  } finally {
    await team.close();
    core.close();
  }
}
