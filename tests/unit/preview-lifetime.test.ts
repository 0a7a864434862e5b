import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parentInProcStat, parentOf } from '../../electron/preview/lifetime';

// The preview server stops when the shell npm started it through is orphaned (npm killed): it
// reads that shell's parent from /proc/<pid>/stat, whose command name may hold anything.
describe('reading a parent pid from /proc/<pid>/stat', () => {
  it('reads the field after the command name', () => {
    expect(parentInProcStat('4242 (sh) S 4100 4242 4100 0 -1 4194304 120 0 0 0\n')).toBe(4100);
  });

  it('is not fooled by spaces and parentheses in the command name', () => {
    expect(parentInProcStat('4243 (node (tsx) 12 34) S 4242 4242 4100 0 -1\n')).toBe(4242);
    expect(parentInProcStat('4244 ()) R 1 4244 4244 0\n')).toBe(1);
  });

  it('gives null for a line it cannot read', () => {
    expect(parentInProcStat('')).toBeNull();
    expect(parentInProcStat('4245 (sh')).toBeNull();
    expect(parentInProcStat('4246 (sh) S')).toBeNull();
    expect(parentInProcStat('4247 (sh) S x 1 2')).toBeNull();
  });

  it('agrees with the operating system about this process', () => {
    const expected = fs.existsSync(`/proc/${process.pid}/stat`) ? process.ppid : null;
    expect(parentOf(process.pid)).toBe(expected);
  });
});
