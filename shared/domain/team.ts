// Team mode's rules, as pure functions: the lease, which outcome closes a lead for the whole team,
// and the shape of a connection URL a desk is given.
import type { Outcome } from './dispositions';

/** A claimed lead stays the desk's for a working day; every sync renews it. */
export const DEFAULT_LEASE_MS = 8 * 60 * 60 * 1000;

/** The most leads one claim takes (a day's calling for a busy rep). */
export const MAX_CLAIM = 1000;

const CLOSING_OUTCOMES: ReadonlyMap<Outcome, string> = new Map<Outcome, string>([
  ['conversion', 'conversion'],
  ['not_interested', 'not_interested'],
  ['wrong_number', 'wrong_number'],
  ['do_not_call', 'do_not_call'],
]);

/** What the team records as the lead's end when its holder logs this outcome (null: it stays open). */
export function teamClosingOutcome(outcome: string): string | null {
  return CLOSING_OUTCOMES.get(outcome as Outcome) ?? null;
}

const FILE_PARAMETERS: ReadonlySet<string> = new Set(['sslrootcert', 'sslcert', 'sslkey', 'sslcrl', 'passfile', 'service', 'servicefile']);

/** A PostgreSQL URL a desk can use, or why not. The password is never echoed back. */
export function checkTeamUrl(url: string): { ok: true } | { ok: false; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'it is not a URL; it looks like postgres://rep:password@host:5432/team' };
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return { ok: false, reason: 'it must start with postgres:// or postgresql://' };
  if (parsed.hostname === '') return { ok: false, reason: 'it names no host' };
  if (parsed.pathname.length <= 1) return { ok: false, reason: 'it names no database (…/team at the end)' };
  // These name files on this computer for the driver to read: a URL pasted from elsewhere must
  // not make the desk read (and echo errors about) its files. TLS is set with sslmode alone.
  const fileParameter = [...parsed.searchParams.keys()].find((key) => FILE_PARAMETERS.has(key.toLowerCase()));
  if (fileParameter) return { ok: false, reason: `"${fileParameter}" names a file on this computer; use sslmode (require, verify-full) instead` };
  return { ok: true };
}

/** A PostgreSQL role name for a rep on a team's database: lower case letters, digits and _,
 *  prefixed with the database's name (roles are shared by every database of a server). */
export function repRoleName(database: string, rep: string): string | null {
  const slug = rep.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (slug === '') return null;
  return `${database}_rep_${slug}`.slice(0, 63);
}
