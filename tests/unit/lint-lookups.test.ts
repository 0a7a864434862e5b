// "Look data up in Maps, never plain objects" is enforced by the lint rule
// dialdeck/no-object-lookup-by-data (eslint.config.mjs). Each fixture is linted as if it lived
// in a layer the rule covers: the plain-object lookups must fail, the Map and closed-key ones pass.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/lint');
const eslint = new ESLint({ cwd: ROOT });
const RULE = 'dialdeck/no-object-lookup-by-data';

const CASES: { fixture: string; pretendPath: string; fails: string | null }[] = [
  { fixture: 'lookup-table-by-cell', pretendPath: 'electron/core/leads/x.ts', fails: '"KIND_WORDS" is a plain object looked up with a key from data' },
  { fixture: 'lookup-unannotated-table', pretendPath: 'shared/domain/x.ts', fails: '"ABBREVIATIONS" is a plain object' },
  { fixture: 'lookup-record-parameter', pretendPath: 'shared/domain/x.ts', fails: '"values" is a plain object' },
  { fixture: 'lookup-json', pretendPath: 'shared/domain/x.ts', fails: '"prefixes" is a plain object' },
  { fixture: 'lookup-table-by-cell', pretendPath: 'renderer/src/features/x.tsx', fails: '"KIND_WORDS" is a plain object' },
  { fixture: 'lookup-map-and-closed-keys', pretendPath: 'electron/core/leads/x.ts', fails: null },
];

describe('data is looked up in Maps', () => {
  for (const c of CASES) {
    it(`${c.fixture} at ${c.pretendPath} ${c.fails ? 'fails' : 'passes'}`, async () => {
      const code = fs.readFileSync(path.join(FIXTURES, `${c.fixture}.ts.txt`), 'utf8');
      const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, c.pretendPath) });
      const hits = result!.messages.filter((m) => m.ruleId === RULE);
      if (c.fails === null) expect(hits).toEqual([]);
      else expect(hits.map((m) => m.message).join('\n')).toContain(c.fails);
    });
  }
});
