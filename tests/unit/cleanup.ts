// Each test file's temporary folders go when the file's tests are done (helpers.ts tempDir).
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers';

afterAll(removeTempDirs);
