// Electron glue for the scheduler: wake it on resume, unlock and clock changes; show the count of
// what is due on the dock (macOS), the taskbar (Windows: overlay text in the title and a tray
// tooltip) and in the window title; clicking a notification opens its lead.
import { app, Notification as ElectronNotification, nativeImage, powerMonitor, Tray, type BrowserWindow } from 'electron';
import type { Core } from '../core/core';
import type { Notifier } from '../core/ports';
import { literalNotificationText } from './trust';

/** Notifications that open their lead on the call screen when clicked. */
export function clickableNotifier(getCore: () => Core | null, getWindow: () => BrowserWindow | null): Notifier {
  return {
    notify({ title, body, contactId }) {
      if (!ElectronNotification.isSupported()) return;
      const notification = new ElectronNotification({ title, body: literalNotificationText(body, process.platform) });
      notification.on('click', () => {
        const window = getWindow();
        if (window) {
          if (window.isMinimized()) window.restore();
          window.show();
          window.focus();
        }
        if (contactId !== undefined) getCore()?.events.emit('app.openContact', { contactId });
      });
      notification.show();
    },
  };
}

// A 16×16 blue dot: the tray needs an image; the count is in its tooltip and the title.
const TRAY_IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAO0lEQVR4nGPgjlnLQAnGJfEfBybKAFyasRpCqmYMQ8jRjGIIuZrhhowaQEUDKI5GqiQkqiRlqmQmkjAAeV+vdN9qGpkAAAAASUVORK5CYII=';

export function watchAttention(core: Core, getWindow: () => BrowserWindow | null): () => void {
  const wake = () => core.scheduler.wake();
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);
  powerMonitor.on('user-did-become-active', wake);
  let tray: Tray | null = null;
  if (process.platform === 'win32') {
    tray = new Tray(nativeImage.createFromDataURL(TRAY_IMAGE));
    tray.setToolTip('Dialdeck');
    tray.on('click', () => getWindow()?.show());
  }
  const show = (dueNow: number) => {
    app.setBadgeCount(dueNow); // macOS dock, Linux launchers that support it
    tray?.setToolTip(dueNow > 0 ? `Dialdeck: ${dueNow} due now` : 'Dialdeck');
    const window = getWindow();
    if (window && !window.isDestroyed()) window.setTitle(dueNow > 0 ? `Dialdeck (${dueNow} due)` : 'Dialdeck');
  };
  show(core.scheduler.dueNow().length);
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name === 'due.changed') show((payload as { dueNow: number }).dueNow);
  });
  return () => {
    unsubscribe();
    powerMonitor.off('resume', wake);
    powerMonitor.off('unlock-screen', wake);
    powerMonitor.off('user-did-become-active', wake);
    tray?.destroy();
  };
}
