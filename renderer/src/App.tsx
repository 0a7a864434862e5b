import { useEffect, useState } from 'react';
import type { Settings } from '../../shared/ipc/contract';
import { invoke } from './api/client';
import { QueueScreen } from './features/queue/QueueScreen';
import { CallScreen } from './features/call/CallScreen';
import { ContactsScreen } from './features/contacts/ContactsScreen';
import { ImportScreen } from './features/leads/ImportScreen';
import { SettingsForm } from './features/settings/SettingsForm';
import { QueueRulesForm } from './features/settings/QueueRulesForm';
import { NotificationsForm } from './features/settings/NotificationsForm';
import { Kbd } from './components/Kbd';
import { NowProvider } from './components/now';
import { CallsScreen } from './features/calls/CallsScreen';
import { DueStrip } from './features/due/DueStrip';
import { UpcomingScreen } from './features/due/UpcomingScreen';
import { ScriptsScreen } from './features/scripts/ScriptsScreen';
import { onEvent } from './api/client';
import { InterruptedImportsNotice } from './features/leads/InterruptedImports';
import { useLoad } from './components/useAsync';

type View =
  | { screen: 'queue'; flash?: string }
  | { screen: 'call'; contactId: number; flash: string | null }
  | { screen: 'calls' }
  | { screen: 'upcoming' }
  | { screen: 'scripts' }
  | { screen: 'contacts'; importId: number | null; status: 'active' | 'dud' | null }
  | { screen: 'import' }
  | { screen: 'settings' };

const NAV: { screen: 'queue' | 'upcoming' | 'calls' | 'contacts' | 'import' | 'scripts' | 'settings'; label: string; key: string }[] = [
  { screen: 'queue', label: 'Queue', key: 'q' },
  { screen: 'upcoming', label: 'Upcoming', key: 'u' },
  { screen: 'calls', label: 'Calls', key: 'l' },
  { screen: 'contacts', label: 'Contacts', key: 'c' },
  { screen: 'import', label: 'Import', key: 'i' },
  { screen: 'scripts', label: 'Scripts', key: 'p' },
  { screen: 'settings', label: 'Settings', key: 's' },
];

export function App() {
  const [view, setView] = useState<View>({ screen: 'queue' });
  const [settings, setSettings] = useState<Settings | null>(null);
  const [settingsError, setSettingsError] = useState<string | null>(null);

  // An import cut short (a crash, a full disk) is reported from the start, on every screen but
  // the Import screen, which deals with it; looked at again on each change of screen.
  const interrupted = useLoad(() => invoke('imports.interrupted', {}), []);
  const reloadInterrupted = interrupted.reload;
  useEffect(() => reloadInterrupted(), [view.screen, reloadInterrupted]);

  useEffect(() => {
    invoke('settings.get', {}).then(setSettings, (e: unknown) => setSettingsError(e instanceof Error ? e.message : String(e)));
  }, []);

  // A clicked notification opens its lead, unless a call is in progress on another lead.
  useEffect(
    () =>
      onEvent('app.openContact', ({ contactId }) =>
        setView((current) => (current.screen === 'call' && current.contactId !== contactId ? current : { screen: 'call', contactId, flash: null })),
      ),
    [],
  );

  const go = (screen: (typeof NAV)[number]['screen']) =>
    setView(screen === 'contacts' ? { screen, importId: null, status: null } : ({ screen } as View));

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      // Alt+letter moves between screens, except mid-call (the call screen owns the keyboard).
      if (!event.altKey || event.ctrlKey || event.metaKey || view.screen === 'call') return;
      const item = NAV.find((n) => n.key === event.key.toLowerCase() || `Key${n.key.toUpperCase()}` === event.code);
      if (!item) return;
      event.preventDefault();
      go(item.screen);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.screen]);

  const current = view.screen === 'call' ? 'queue' : view.screen;
  return (
    <NowProvider>
      <div className="app">
        <header className="app-header">
          <span className="brand">Dialdeck</span>
          <nav aria-label="Screens">
            {NAV.map((item) => (
              <button
                key={item.screen}
                type="button"
                className={current === item.screen ? 'nav-link active' : 'nav-link'}
                aria-current={current === item.screen ? 'page' : undefined}
                onClick={() => go(item.screen)}
                title={`Alt+${item.key.toUpperCase()}`}
              >
                {item.label} <Kbd>{`Alt+${item.key.toUpperCase()}`}</Kbd>
              </button>
            ))}
          </nav>
        </header>
        {settings?.confirmed && view.screen !== 'call' && view.screen !== 'import' && interrupted.data && (
          <InterruptedImportsNotice items={interrupted.data} onOpen={() => go('import')} />
        )}
        {settings?.confirmed && view.screen !== 'call' && <DueStrip onOpen={(contactId) => setView({ screen: 'call', contactId, flash: null })} />}
      <main className="app-main">
          {settingsError && (
            <p className="form-error" role="alert">
              Could not read the settings: {settingsError}
            </p>
          )}
          {settings && !settings.confirmed ? (
            <SettingsForm settings={settings} firstRun onSaved={setSettings} />
          ) : (
            <>
              {view.screen === 'queue' && (
                <>
                  {view.flash && (
                    <p className="form-ok" role="status">
                      {view.flash}
                    </p>
                  )}
                  <QueueScreen onOpen={(contactId) => setView({ screen: 'call', contactId, flash: null })} />
                </>
              )}
              {view.screen === 'call' && (
                <CallScreen
                  key={view.contactId}
                  contactId={view.contactId}
                  flash={view.flash}
                  reasons={settings?.notInterestedReasons ?? []}
                  onBack={(flash) => setView({ screen: 'queue', flash })}
                  onNext={(next, flash) => setView({ screen: 'call', contactId: next.contact.id, flash })}
                />
              )}
              {view.screen === 'scripts' && <ScriptsScreen />}
            {view.screen === 'upcoming' && <UpcomingScreen onOpen={(contactId) => setView({ screen: 'call', contactId, flash: null })} />}
            {view.screen === 'calls' && <CallsScreen onOpenContact={(contactId) => setView({ screen: 'call', contactId, flash: null })} />}
              {view.screen === 'contacts' && (
                <ContactsScreen initialImportId={view.importId} initialStatus={view.status} onCall={(contactId) => setView({ screen: 'call', contactId, flash: null })} />
              )}
              {view.screen === 'import' && <ImportScreen onShowImported={(importId) => setView({ screen: 'contacts', importId, status: 'active' })} />}
              {view.screen === 'settings' && settings && (
              <div className="settings-screen">
                <SettingsForm settings={settings} firstRun={false} onSaved={setSettings} />
                <NotificationsForm settings={settings} onSaved={setSettings} />
                <QueueRulesForm settings={settings} onSaved={setSettings} />
              </div>
            )}
            </>
          )}
        </main>
      </div>
    </NowProvider>
  );
}
