// Pure checks used by the Electron glue, kept free of Electron imports (types only) so unit
// tests reach them.
import type { IpcMainInvokeEvent, WebContents } from 'electron';

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
  // The host too: file://a-share/<the same path> is another machine's file, not the app's page.
  if (app.protocol === 'file:') return frame.protocol === 'file:' && frame.host === app.host && frame.pathname === app.pathname;
  return frame.origin === app.origin;
}

/** An IPC request is the app's only when it comes from the Dialdeck window's own webContents,
 *  from its top frame (not a subframe), showing the app's page. Anything else — another window,
 *  an embedded frame, a page the window was somehow taken to — is refused. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: { webContents: Pick<WebContents, 'mainFrame'> } | null,
  appUrl: string,
): boolean {
  const frame = event.senderFrame;
  return (
    window !== null &&
    frame !== null &&
    event.sender === window.webContents &&
    frame === window.webContents.mainFrame &&
    isAppFrameUrl(frame.url, appUrl)
  );
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

/** A notification's text as the platform shows it literally. Linux notification servers read the
 *  body as markup (<b>, <a href>, <img>): a lead named "<b>Ana</b>" or with "&" in its company
 *  would be drawn as markup or cut. Escaped there; elsewhere the text is shown as it is. */
export function literalNotificationText(text: string, platform: NodeJS.Platform): string {
  if (platform !== 'linux') return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
