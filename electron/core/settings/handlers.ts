import type { Settings } from '../../../shared/ipc/contract';
import type { HandlersOf, Services } from '../handlers';
import type { SettingsStore } from './store';

/** What the screens read: every setting but the internal ones (the window's place). */
function settingsView(store: SettingsStore): Settings {
  const { defaultCountry, defaultTimeZone, confirmed, queue, notInterestedReasons, notifications, repName, repPhone, theme, phone, backupsKept, desk, dailyGoals, powerDial, undoDoNotCallMinutes, teamAutoClaim, tryMobileNext, stalledReasons } = store.all();
  return { defaultCountry, defaultTimeZone, confirmed, queue, notInterestedReasons, notifications, repName, repPhone, theme, phone, backupsKept, desk, dailyGoals, powerDial, undoDoNotCallMinutes, teamAutoClaim, tryMobileNext, stalledReasons };
}

export function settingsHandlers({ ctx }: Services): HandlersOf<'settings.get' | 'settings.update' | 'settings.confirm'> {
  return {
    'settings.get': () => settingsView(ctx.settings),
    'settings.update': (request) => {
      ctx.settings.update(request);
      return settingsView(ctx.settings);
    },
    'settings.confirm': () => {
      ctx.settings.confirm();
      return settingsView(ctx.settings);
    },
  };
}
