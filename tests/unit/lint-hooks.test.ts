// The rules of hooks hold in the renderer (issue #11): an effect says what it reads, hooks are
// not called conditionally, state is not copied from props in an effect. Each fixture is linted
// as a renderer file; the wrong one must fail with its rule, the right one pass.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/lint');
const eslint = new ESLint({ cwd: ROOT });

const CASES: { fixture: string; expected: { rule: string; says: string } | null }[] = [
  { fixture: 'renderer-effect-reads-without-deps', expected: { rule: 'react-hooks/exhaustive-deps', says: "missing dependency: 'step'" } },
  { fixture: 'renderer-effect-with-deps', expected: null },
  { fixture: 'renderer-hook-in-condition', expected: { rule: 'react-hooks/rules-of-hooks', says: 'called conditionally' } },
  { fixture: 'renderer-set-state-in-effect', expected: { rule: 'react-hooks/set-state-in-effect', says: 'setState' } },
];

describe('hooks rules in the renderer', () => {
  for (const c of CASES) {
    it(`${c.fixture} ${c.expected ? `fails ${c.expected.rule}` : 'passes'}`, async () => {
      const code = fs.readFileSync(path.join(FIXTURES, `${c.fixture}.tsx.txt`), 'utf8');
      const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'renderer/src/features/x.tsx') });
      const errors = result!.messages.filter((m) => m.severity === 2);
      if (c.expected === null) {
        expect(errors).toEqual([]);
      } else {
        const hit = errors.find((m) => m.ruleId === c.expected!.rule);
        expect(hit, JSON.stringify(errors)).toBeDefined();
        expect(hit!.message).toContain(c.expected.says);
      }
    });
  }
});
