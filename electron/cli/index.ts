// The admin command line over the same core the app runs: `npm run cli -- <command> [options]`.
import { parseArgs } from 'node:util';
import { NewerDatabaseError } from '../core/db/migrations';
import { runCheck, formatCheck } from './check';

const USAGE = `Usage: npm run cli -- <command> [--data-dir DIR] [--json]

Commands:
  check     open the database, run migrations and a quick integrity check,
            print the schema version and row counts

Options:
  --data-dir DIR   the folder holding dialdeck.sqlite (default: DIALDECK_DATA_DIR,
                   else the app's user-data folder)
  --json           print JSON instead of text
  --help           this text`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const json = values.json ?? false;
  try {
    switch (command) {
      case 'check': {
        const report = runCheck(values['data-dir']);
        process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCheck(report)}\n`);
        return report.quickCheck.length === 1 && report.quickCheck[0] === 'ok' ? 0 : 1;
      }
      default:
        process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    const message = error instanceof NewerDatabaseError ? error.message : error instanceof Error ? error.message : String(error);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    else process.stderr.write(`Error: ${message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`Error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
