import type { CheckResult } from '../../../../shared/domain/scripts';

/** The voicemail checker's verdicts, each in plain words: in the editor and beside a call. */
export function VoicemailChecks({ checks }: { checks: readonly CheckResult[] }) {
  if (checks.length === 0) return null;
  return (
    <ul className="checker" aria-label="Voicemail check">
      {checks.map((c) => (
        <li key={c.rule} className={c.ok ? 'check-ok' : 'check-bad'}>
          {c.ok ? '✓' : '✗'} {c.message}
        </li>
      ))}
    </ul>
  );
}
