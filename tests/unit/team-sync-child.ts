// A desk syncing in a process of its own, for the test that kills it with SIGKILL mid-sync:
// argv: the desk's data folder, outbox entries per server transaction.
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { fileSecrets, teamUrlFile } from '../../electron/core/team/secrets';
import { TeamService } from '../../electron/core/team/service';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';

const [dir, batch] = process.argv.slice(2);
const core = createCore({ paths: pathsFor(dir!), clock: new FakeClock('2026-03-02T18:00:00Z'), dialer: new RecordingDialer(), notifier: new RecordingNotifier(), startTimers: false, initialCountry: 'US', initialTimeZone: 'America/New_York', repTimeZone: 'Europe/London' });
const team = new TeamService(core.context, fileSecrets(teamUrlFile(dir!)), { pushBatch: Number(batch) });
process.stdout.write('syncing\n');
team.sync().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    core.close();
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    core.close();
    process.exitCode = 1;
  },
);
