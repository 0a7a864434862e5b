import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { onEvent } from './api/client';
import { queries, useSettings } from './api/queries';
import { QueueScreen } from './features/queue/QueueScreen';
import { CallScreen } from './features/call/CallScreen';
import { ContactsScreen } from './features/contacts/ContactsScreen';
import { ImportScreen } from './features/leads/ImportScreen';
import { type LeaveGuard } from './components/unsaved';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { SettingsForm } from './features/settings/SettingsForm';
import { CallsScreen } from './features/calls/CallsScreen';
import { DueStrip } from './features/due/DueStrip';
import { SessionStrip } from './features/dashboard/SessionStrip';
import { DashboardScreen } from './features/dashboard/DashboardScreen';
import { UpcomingScreen } from './features/due/UpcomingScreen';
import { ScriptsScreen } from './features/scripts/ScriptsScreen';
import { prefetchTasks, TasksScreen } from './features/follow/TasksScreen';
import { PromisesScreen } from './features/follow/PromisesScreen';
import { LostReportScreen } from './features/follow/LostReportScreen';
import { TeamScreen } from './features/team/TeamScreen';
import { OverduePromises } from './features/follow/OverduePromises';
import { InterruptedImportsNotice } from './features/leads/InterruptedImports';
import { SearchDialog } from './features/search/SearchDialog';
import { UndoToast } from './features/undo/UndoToast';
import { Kbd, useCommands } from './keys/keymap';
import { KeyHelp } from './keys/KeyHelp';
import type { Command } from './keys/registry';
import { useTheme } from './theme/theme';

type Screen = 'queue' | 'upcoming' | 'calls' | 'contacts' | 'import' | 'scripts' | 'settings' | 'tasks' | 'dashboard' | 'team' | 'report' | 'promises';
type View =
  | { screen: 'queue'; flash?: string }
  | { screen: 'call'; contactId: number; flash: string | null; visit: number; afterDisposition?: boolean; inbound?: boolean }
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
  { screen: 'dashboard', label: 'Numbers', key: 'm' },
];

/** Screens reached by key only: the header has no room left at 1024 px ("?" lists them). */
const KEY_ONLY_NAV: { screen: Screen; label: string; key: string }[] = [
  { screen: 'tasks', label: 'Tasks', key: 't' },
  { screen: 'team', label: 'Team', key: 'e' },
  { screen: 'report', label: 'Lost and stalled', key: 'r' },
  { screen: 'promises', label: 'Promises', key: 'o' },
];
const NAV_KEYS = [...NAV, ...KEY_ONLY_NAV];

const SCREEN_TITLES: Record<View['screen'], string> = {
  queue: 'Queue',
  call: 'Call screen',
  upcoming: 'Upcoming',
  calls: 'Calls',
  contacts: 'Contacts',
  import: 'Import',
  scripts: 'Scripts',
  settings: 'Settings',
  tasks: 'Tasks',
  dashboard: 'Numbers',
  team: 'Team',
  report: 'Lost and stalled',
  promises: 'Promises',
};

export function App() {
  const settings = useSettings();
  useTheme(settings.data?.theme ?? 'system');
  const confirmed = settings.data?.confirmed === true;
  const [view, setView] = useState<View>({ screen: 'queue' });
  const [helpOpen, setHelpOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  // The call screen says here whether it may be left (not while a call waits for its disposition;
  // it tells the rep why itself).
  const leaveGuardRef = useRef<LeaveGuard | null>(null);
  const visits = useRef(0);
  const queryClient = useQueryClient();

  const openCall = (contactId: number, flash: string | null = null) => setView({ screen: 'call', contactId, flash, visit: ++visits.current });
  // After a disposition the next lead is in the cache: it is rendered in the same task as the
  // reply, not after a round of the scheduler.
  const showNext = (contactId: number, flash: string) => flushSync(() => setView({ screen: 'call', contactId, flash, visit: ++visits.current, afterDisposition: true }));
  /** Leave the screen for `action` unless its guard stops it (it may run `action` later). */
  const leaveThen = (action: () => void) => {
    if (!leaveGuardRef.current?.(action)) action();
  };
  const go = (screen: Screen) => {
    if (leaveGuardRef.current?.(() => go(screen))) return;
    if (screen === 'tasks') prefetchTasks(queryClient);
    setView(screen === 'contacts' ? { screen, importId: null, status: null } : ({ screen } as View));
  };

  // A clicked notification opens its lead, unless a call waits for its disposition.
  useEffect(
    () =>
      onEvent('app.openContact', ({ contactId }) => {
        leaveThen(() => setView({ screen: 'call', contactId, flash: null, visit: ++visits.current }));
      }),
    [],
  );

  const commands: Command[] = NAV_KEYS.map((item) => ({
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
  commands.push({ id: 'search.lead', keys: ['Ctrl+k'], label: 'Find a lead: name, company, email or number', group: 'Screens', where: 'anywhere', enabled: confirmed, run: () => setSearchOpen(true) });
  useCommands('global', commands);

  const interrupted = useQuery({ ...queries.interruptedImports(), enabled: confirmed });
  const current = view.screen === 'call' ? 'queue' : view.screen;
  return (
    // Compact (Settings → The window): a narrow strip beside the softphone (styles.css, .compact).
    <div className={settings.data?.desk.compact ? 'app compact' : 'app'}>
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
      {confirmed && view.screen !== 'call' && <DueStrip onOpen={(contactId) => leaveThen(() => openCall(contactId))} />}
      {confirmed && view.screen === 'call' && <OverduePromises onOpen={(contactId) => openCall(contactId)} />}
      {confirmed && <SessionStrip />}
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
            {view.screen === 'queue' && <QueueScreen
                flash={view.flash ?? null}
                onOpen={(contactId) => openCall(contactId)}
                onInbound={(contactId) => setView({ screen: 'call', contactId, flash: null, visit: ++visits.current, inbound: true })}
              />}
            {view.screen === 'call' && (
              <CallScreen
                key={view.visit}
                contactId={view.contactId}
                flash={view.flash}
                reasons={settings.data.notInterestedReasons}
                leaveGuardRef={leaveGuardRef}
                onBack={(flash) => setView({ screen: 'queue', flash })}
                onShow={showNext}
                afterDisposition={view.afterDisposition === true}
                startInbound={view.inbound === true}
                powerDialSeconds={settings.data.powerDial.enabled ? settings.data.powerDial.countdownSeconds : null}
              />
            )}
            {view.screen === 'scripts' && <ScriptsScreen leaveGuardRef={leaveGuardRef} />}
            {view.screen === 'upcoming' && <UpcomingScreen onOpen={(contactId) => openCall(contactId)} />}
            {view.screen === 'calls' && <CallsScreen onOpenContact={(contactId) => openCall(contactId)} />}
            {view.screen === 'contacts' && <ContactsScreen initialImportId={view.importId} initialStatus={view.status} onCall={(contactId) => openCall(contactId)} />}
            {view.screen === 'import' && <ImportScreen onShowImported={(importId) => setView({ screen: 'contacts', importId, status: 'active' })} />}
            {view.screen === 'settings' && <SettingsScreen settings={settings.data} leaveGuardRef={leaveGuardRef} />}
            {view.screen === 'tasks' && <TasksScreen onOpen={(contactId) => openCall(contactId)} />}
            {view.screen === 'dashboard' && <DashboardScreen />}
            {view.screen === 'report' && <LostReportScreen onOpen={(contactId) => openCall(contactId)} />}
            {view.screen === 'promises' && <PromisesScreen onOpen={(contactId) => openCall(contactId)} />}
            {view.screen === 'team' && <TeamScreen settings={settings.data} onOpen={(contactId) => openCall(contactId)} />}
          </>
        ) : null}
      </main>
      {searchOpen && (
        <SearchDialog
          onClose={() => setSearchOpen(false)}
          onOpen={(contactId) => {
            setSearchOpen(false);
            leaveThen(() => openCall(contactId));
          }}
        />
      )}
      {confirmed && (view.screen === 'call' || view.screen === 'queue') && <UndoToast />}
      {helpOpen && <KeyHelp screen={settings.data && !confirmed ? 'Before you start' : SCREEN_TITLES[view.screen]} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
