import fs from 'node:fs';
import path from 'node:path';
import type { Files } from '../ports';

/** Exports saved into one folder without asking (the preview, tests): the suggested name, or
 *  "name (2).csv" and so on when that file is already there, so an earlier export is kept. */
export function exportFolder(dir: string): Files {
  return {
    chooseExportPath(suggestedName) {
      fs.mkdirSync(dir, { recursive: true });
      const { name, ext } = path.parse(suggestedName);
      let candidate = path.join(dir, suggestedName);
      for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `${name} (${n})${ext}`);
      return Promise.resolve(candidate);
    },
  };
}
