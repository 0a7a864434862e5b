// The layer rules of the README's "Layout" section are enforced by ESLint. Each fixture is
// linted as if it lived at the given path; the wrong arrows must fail, the right ones must pass.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/lint');
const eslint = new ESLint({ cwd: ROOT });

interface Case {
  fixture: string;
  pretendPath: string;
  /** The rule that must fire, with a phrase from its message; null when the file must pass. */
  expected: { rule: string; says: string } | null;
}

const CASES: Case[] = [
  { fixture: 'core-imports-electron', pretendPath: 'electron/core/leads/x.ts', expected: { rule: 'no-restricted-imports', says: 'never import Electron' } },
  { fixture: 'core-imports-main', pretendPath: 'electron/core/x.ts', expected: { rule: 'no-restricted-imports', says: 'must not import from main/' } },
  { fixture: 'renderer-imports-node', pretendPath: 'renderer/src/features/x.tsx', expected: { rule: 'no-restricted-imports', says: 'must not use Node built-ins' } },
  { fixture: 'renderer-imports-core', pretendPath: 'renderer/src/features/x.tsx', expected: { rule: 'no-restricted-imports', says: 'only through renderer/src/api/' } },
  { fixture: 'shared-imports-node', pretendPath: 'shared/domain/x.ts', expected: { rule: 'no-restricted-imports', says: 'must not use Node built-ins' } },
  { fixture: 'shared-imports-renderer', pretendPath: 'shared/domain/x.ts', expected: { rule: 'no-restricted-imports', says: 'must not import from renderer/' } },
  { fixture: 'shared-uses-window', pretendPath: 'shared/domain/x.ts', expected: { rule: 'no-restricted-globals', says: 'runs anywhere' } },
  { fixture: 'renderer-touches-bridge', pretendPath: 'renderer/src/features/queue/x.tsx', expected: { rule: 'no-restricted-properties', says: 'Only renderer/src/api/' } },
  { fixture: 'renderer-touches-bridge', pretendPath: 'renderer/src/api/x.ts', expected: null },
  { fixture: 'preload-imports-value', pretendPath: 'electron/preload/x.ts', expected: { rule: 'no-restricted-imports', says: 'only types from shared/' } },
  { fixture: 'preload-imports-type', pretendPath: 'electron/preload/x.ts', expected: null },
  { fixture: 'main-imports-electron-and-core', pretendPath: 'electron/main/x.ts', expected: null },
  { fixture: 'cli-imports-electron', pretendPath: 'electron/cli/x.ts', expected: { rule: 'no-restricted-imports', says: 'never import Electron' } },
  { fixture: 'cli-imports-electron', pretendPath: 'electron/preview/x.ts', expected: { rule: 'no-restricted-imports', says: 'never import Electron' } },
  { fixture: 'renderer-imports-shared', pretendPath: 'renderer/src/features/call/x.tsx', expected: null },
  // Inside a core feature: handlers → services → repos.
  { fixture: 'core-handler-imports-repo', pretendPath: 'electron/core/calls/handlers.ts', expected: { rule: 'no-restricted-imports', says: 'never a repo or the database' } },
  { fixture: 'core-handler-imports-service', pretendPath: 'electron/core/dnc/handlers.ts', expected: null },
  { fixture: 'core-repo-imports-service', pretendPath: 'electron/core/queue/repo.ts', expected: { rule: 'no-restricted-imports', says: 'A repo only runs SQL' } },
  { fixture: 'core-repo-imports-service', pretendPath: 'electron/core/calls/redialRepo.ts', expected: { rule: 'no-restricted-imports', says: 'A repo only runs SQL' } },
  { fixture: 'core-imports-electron', pretendPath: 'electron/core/calls/handlers.ts', expected: { rule: 'no-restricted-imports', says: 'never import Electron' } },
];

describe('layer rules', () => {
  for (const c of CASES) {
    it(`${c.fixture} at ${c.pretendPath} ${c.expected ? `fails ${c.expected.rule}` : 'passes'}`, async () => {
      const code = fs.readFileSync(path.join(FIXTURES, `${c.fixture}.ts.txt`), 'utf8');
      const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, c.pretendPath) });
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

  it('the whole codebase passes its own layer rules', async () => {
    const results = await eslint.lintFiles(['shared', 'electron', 'renderer/src']);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.ruleId}`));
    expect(errors).toEqual([]);
  }, 240_000);
});
