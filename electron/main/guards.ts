// The refusals every page gets: no navigation, no redirect, no <webview>, no new window, no
// permission. They take their Electron objects as parameters and import Electron's types only,
// so a unit test calls them with fakes and sees each request refused.
import type { Session, WebContents } from 'electron';

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** The app is one page loaded once: anything that would take the page elsewhere is stopped. */
export function installNavigationGuards(contents: GuardedContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links leave only through openAllowedExternal (dial schemes and mailto), never window.open.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Dialdeck needs no camera, microphone, location, notifications from the page, USB or HID. */
export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
