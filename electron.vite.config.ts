import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// One build for the three Electron targets. The preload is CommonJS because sandboxed preloads
// cannot load ES modules; better-sqlite3 stays external (it ships its own Node-API binaries).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The import, export, salvage and backup workers are entries of their own, beside index.js, where
      // electron/core/workerFile.ts looks for them.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          importWorker: resolve(__dirname, 'electron/core/imports/worker.ts'),
          exportWorker: resolve(__dirname, 'electron/core/exports/worker.ts'),
          salvageWorker: resolve(__dirname, 'electron/core/recovery/salvageWorker.ts'),
          backupWorker: resolve(__dirname, 'electron/core/backups/worker.ts'),
        },
        output: { entryFileNames: '[name].js' },
        // Only development bundles the workers with esbuild; the app ships them built.
        external: ['esbuild'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        // TanStack Query marks its modules "use client" for React Server Components, which a
        // desktop page has none of: the bundler's notice about dropping the directive is noise.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
      // No inline scripts or data: URLs, so the strict CSP holds.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  },
});
