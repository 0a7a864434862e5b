import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkerJob } from '../../electron/core/workerJob';
import { tempDir } from './helpers';

// The one way the export, the backup copy and the recovery's salvage run their workers: progress
// passed on, settled by the last message, and every way a worker can fail said in words.

type Message = { type: 'progress'; step: number } | { type: 'done'; total: number } | { type: 'error'; message: string };

/** A worker script that runs `body` with `post` (parentPort.postMessage) and `data` (workerData). */
function workerScript(body: string): string {
  const file = path.join(tempDir('dialdeck-worker-job-'), 'worker.js');
  fs.writeFileSync(file, `const { parentPort, workerData: data } = require('node:worker_threads');\nconst post = (m) => parentPort.postMessage(m);\n${body}\n`);
  return file;
}

function run(body: string, workerData: unknown = null, onProgress?: (message: { step: number }) => void) {
  return runWorkerJob<Message, number>({
    name: 'test',
    file: workerScript(body),
    workerData,
    done: (message) => message.total,
    onProgress,
    failure: (message) => new Error(`Could not do it: ${message}.`),
  });
}

describe('runWorkerJob', () => {
  it('passes each progress on in order and resolves with the last message, the exit after it being the normal end', async () => {
    const steps: number[] = [];
    const total = await run('for (const step of data) post({ type: "progress", step }); post({ type: "done", total: data.length });', [3, 1, 2], (m) => steps.push(m.step));
    expect(steps).toEqual([3, 1, 2]);
    expect(total).toBe(3);
  });

  it("rejects with the worker's own error message, worded by the job", async () => {
    await expect(run('post({ type: "error", message: "the disk is full" });')).rejects.toThrow('Could not do it: the disk is full.');
  });

  it('a worker that throws: "the <name> worker failed (…)"', async () => {
    await expect(run('throw new Error("boom");')).rejects.toThrow('Could not do it: the test worker failed (boom).');
  });

  it('a worker that ends before its last message: "stopped unexpectedly" with its exit code', async () => {
    await expect(run('post({ type: "progress", step: 1 }); process.exit(3);')).rejects.toThrow('Could not do it: the test worker stopped unexpectedly (exit 3).');
  });
});
