// Pure checks used by the Electron glue, kept free of Electron imports so unit tests reach them.

/** True when an IPC sender's frame URL is the app's own page (the built index.html, or the
 *  electron-vite dev server in development), never a navigated-to or embedded page. */
export function isAppFrameUrl(frameUrl: string, appUrl: string): boolean {
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(frameUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return frame.protocol === 'file:' && frame.pathname === app.pathname;
  return frame.origin === app.origin;
}

/** The window's web preferences: isolated, sandboxed, no Node anywhere in the page. Kept here,
 *  free of Electron imports, so a unit test pins every value. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  spellcheck: true,
} as const;
