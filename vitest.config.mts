import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // Removes the temporary folders each file's tests made.
    setupFiles: ['tests/unit/cleanup.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
  },
});
