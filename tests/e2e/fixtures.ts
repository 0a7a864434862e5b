// The Playwright test the preview specs use: `desk` starts previews for a test and stops every one
// it started when the test ends (passed or not), so no spec keeps its own afterEach for it.
import { test as base } from '@playwright/test';
import { confirmedPreview, makeDataDir, startPreview, type PreviewOptions, type RunningPreview } from './preview';

export { expect } from '@playwright/test';

export interface Desk {
  /** A preview with the first-run questions answered (confirmedPreview). */
  confirmed(options?: Parameters<typeof confirmedPreview>[0]): Promise<RunningPreview>;
  /** A preview as a new rep finds it: the first-run questions still to answer. */
  firstRun(options?: PreviewOptions & { dataDir?: string }): Promise<RunningPreview>;
  /** Stop `running` and start it again on its data folder (what a restart of the app does). */
  restart(running: RunningPreview, options?: PreviewOptions): Promise<RunningPreview>;
}

export const test = base.extend<{ desk: Desk }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  desk: async ({}, use) => {
    const started: RunningPreview[] = [];
    const kept = (running: RunningPreview) => (started.push(running), running);
    await use({
      confirmed: async (options) => kept(await confirmedPreview(options)),
      firstRun: async ({ dataDir, ...options } = {}) => kept(await startPreview(dataDir ?? makeDataDir(), options)),
      restart: async (running, options) => {
        await running.stop();
        return kept(await startPreview(running.dataDir, options));
      },
    });
    // stop() of one already stopped resolves at once.
    for (const running of started) await running.stop();
  },
});
