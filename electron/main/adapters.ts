import fs from 'node:fs';
import type { Dialer } from '../core/ports';
import { RecordingDialer } from '../core/testing';
import { openAllowedExternal } from './externalLinks';

export const shellDialer: Dialer = { open: openAllowedExternal };

/** For the Electron smoke test: DIALDECK_DIAL_LOG names a file that receives each dial URI
 *  instead of the desk's phone. Still allowlisted. */
export function dialerFromEnv(env: NodeJS.ProcessEnv): Dialer {
  const logFile = env.DIALDECK_DIAL_LOG;
  if (!logFile) return shellDialer;
  const recorder = new RecordingDialer();
  return {
    async open(uri) {
      await recorder.open(uri);
      fs.appendFileSync(logFile, `${uri}\n`);
    },
  };
}

