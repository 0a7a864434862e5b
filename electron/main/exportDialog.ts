import path from 'node:path';
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { Files } from '../core/ports';

/** The Files port in the app: the system's save dialog, over the window, starting in Downloads. */
export function saveDialogFiles(getWindow: () => BrowserWindow | null): Files {
  return {
    async chooseExportPath(suggestedName) {
      const options: SaveDialogOptions = {
        title: 'Save export',
        defaultPath: path.join(app.getPath('downloads'), suggestedName),
        filters: [{ name: 'CSV (Excel)', extensions: ['csv'] }],
      };
      const window = getWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
