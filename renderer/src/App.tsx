import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useQuery } from '@tanstack/react-query';
import { onEvent } from './api/client';
import { queries, useSettings } from './api/queries';
import { QueueScreen } from './features/queue/QueueScreen';
import { CallScreen } from './features/call/CallScreen';
import { ContactsScreen } from './features/contacts/ContactsScreen';
import { ImportScreen } from './features/leads/ImportScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { SettingsForm } from './features/settings/SettingsForm';
import { CallsScreen } from './features/calls/CallsScreen';
import { DueStrip } from './features/due/DueStrip';
import { UpcomingScreen } from './features/due/UpcomingScreen';
import { ScriptsScreen } from './features/scripts/ScriptsScreen';
import { InterruptedImportsNotice } from './features/leads/InterruptedImports';
import { UndoToast } from './features/undo/UndoToast';
import { Kbd, useCommands } from './keys/keymap';
import { KeyHelp } from './keys/KeyHelp';
import type { Command } from './keys/registry';
import { useTheme } from './theme/theme';

type Screen = 'queue' | 'upcoming' | 'calls' | 'contacts' | 'import' | 'scripts' | 'settings';
type View =
  | { screen: 'queue'; flash?: string }
  | { screen: 'call'; contactId: number; flash: string | null; visit: number }
  | { screen: 'contacts'; importId: number | null; status: 'active' | 'dud' | null }
  | { screen: Exclude<Screen, 'queue' | 'contacts'> };

const NAV: { screen: Screen; label: string; key: string }[] = [
  { screen: 'queue', label: 'Queue', key: 'q' },
  { screen: 'upcoming', label: 'Upcoming', key: 'u' },
  { screen: 'calls', label: 'Calls', key: 'l' },
  { screen: 'contacts', label: 'Contacts', key: 'c' },
  { screen: 'import', label: 'Import', key: 'i' },
  { screen: 'scripts', label: 'Scripts', key: 'p' },
  { screen: 'settings', label: 'Settings', key: 's' },
];

const SCREEN_TITLES: Record<View['screen'], string> = {
  queue: 'Queue',
  call: 'Call screen',
  upcoming: 'Upcoming',
  calls: 'Calls',
  contacts: 'Contacts',
  import: 'Import',
  scripts: 'Scripts',
  settings: 'Settings',
};

export function App() {
  const settings = useSettings();
  useTheme(settings.data?.theme ?? 'system');
  const confirmed = settings.data?.confirmed === true;
  const [view, setView] = useState<View>({ screen: 'queue' });
  const [helpOpen, setHelpOpen] = useState(false);
  // The call screen says here whether it may be left (not while a call waits for its disposition;
  // it tells the rep why itself).
  const leaveGuardRef = useRef<(() => boolean) | null>(null);
  const visits = useRef(0);

  const openCall = (contactId: number, flash: string | null = null) => setView({ screen: 'call', contactId, flash, visit: ++visits.current });
  // After a disposition the next lead is in the cache: it is rendered in the same task as the
  // reply, not after a round of the scheduler.
  const showNext = (contactId: number, flash: string) => flushSync(() => openCall(contactId, flash));
  const go = (screen: Screen) => {
    if (leaveGuardRef.current?.()) return;
    setView(screen === 'contacts' ? { screen, importId: null, status: null } : ({ screen } as View));
  };

  // A clicked notification opens its lead, unless a call waits for its disposition.
  useEffect(
    () =>
      onEvent('app.openContact', ({ contactId }) => {
        if (leaveGuardRef.current?.()) return;
        setView({ screen: 'call', contactId, flash: null, visit: ++visits.current });
      }),
    [],
  );

  const commands: Command[] = NAV.map((item) => ({
    id: `nav.${item.screen}`,
    keys: [`Alt+${item.key}`],
    label: `Go to ${item.label}`,
    group: 'Screens',
    where: 'anywhere',
    run: () => go(item.screen),
  }));
  commands.push({ id: 'help.open', keys: ['?'], label: 'List the keys of this screen', group: 'Screens', run: () => setHelpOpen(true) });
  commands.push({
    id: 'field.leave',
    keys: ['Escape'],
    label: 'Leave the field, so the keys work again',
    group: 'Screens',
    where: 'fields',
    run: (press) => (press.target instanceof HTMLElement ? press.target.blur() : false),
  });
  useCommands('global', commands);

  const interrupted = useQuery({ ...queries.interruptedImports(), enabled: confirmed });
  const current = view.screen === 'call' ? 'queue' : view.screen;
  return (
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
            >
              {item.label} <Kbd command={`nav.${item.screen}`} />
            </button>
          ))}
        </nav>
        <button type="button" className="nav-link help-link" onClick={() => setHelpOpen(true)} aria-label="Keys of this screen" title="Keys of this screen">
          <Kbd command="help.open" />
        </button>
      </header>
      {confirmed && view.screen !== 'call' && view.screen !== 'import' && interrupted.data && <InterruptedImportsNotice items={interrupted.data} onOpen={() => go('import')} />}
      {confirmed && view.screen !== 'call' && <DueStrip onOpen={(contactId) => openCall(contactId)} />}
      <main className={`app-main screen-${view.screen}`}>
        {settings.error && (
          <p className="form-error" role="alert">
            Could not read the settings: {settings.error.message}
          </p>
        )}
        {settings.data && !confirmed ? (
          <SettingsForm settings={settings.data} firstRun />
        ) : settings.data ? (
          <>
            {view.screen === 'queue' && <QueueScreen flash={view.flash ?? null} onOpen={(contactId) => openCall(contactId)} />}
            {view.screen === 'call' && (
              <CallScreen
                key={view.visit}
                contactId={view.contactId}
                flash={view.flash}
                reasons={settings.data.notInterestedReasons}
                leaveGuardRef={leaveGuardRef}
                onBack={(flash) => setView({ screen: 'queue', flash })}
                onShow={showNext}
              />
            )}
            {view.screen === 'scripts' && <ScriptsScreen />}
            {view.screen === 'upcoming' && <UpcomingScreen onOpen={(contactId) => openCall(contactId)} />}
            {view.screen === 'calls' && <CallsScreen onOpenContact={(contactId) => openCall(contactId)} />}
            {view.screen === 'contacts' && <ContactsScreen initialImportId={view.importId} initialStatus={view.status} onCall={(contactId) => openCall(contactId)} />}
            {view.screen === 'import' && <ImportScreen onShowImported={(importId) => setView({ screen: 'contacts', importId, status: 'active' })} />}
            {view.screen === 'settings' && <SettingsScreen settings={settings.data} />}
          </>
        ) : null}
      </main>
      {confirmed && (view.screen === 'call' || view.screen === 'queue') && <UndoToast />}
      {helpOpen && <KeyHelp screen={settings.data && !confirmed ? 'Before you start' : SCREEN_TITLES[view.screen]} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
