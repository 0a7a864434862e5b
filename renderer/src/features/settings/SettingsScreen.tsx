import type { RefObject } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { KeyHints } from '../../keys/keymap';
import { AppearanceForm } from './AppearanceForm';
import { BackupsPanel } from './BackupsPanel';
import { CallingRulesForm } from './CallingRulesForm';
import { DeskForm, DiagnosticsPanel } from './DeskForm';
import { GoalsForm } from './GoalsForm';
import { NotificationsForm } from './NotificationsForm';
import { PhoneForm } from './PhoneForm';
import { PowerDialForm } from './PowerDialForm';
import { QueueRulesForm } from './QueueRulesForm';
import { SettingsForm } from './SettingsForm';
import { UnsavedChangesGuard, type LeaveGuard } from '../../components/unsaved';

export function SettingsScreen({ settings, leaveGuardRef }: { settings: Settings; leaveGuardRef: RefObject<LeaveGuard | null> }) {
  return (
    <UnsavedChangesGuard screen="Settings" howToSave="each form’s Save button" leaveGuardRef={leaveGuardRef}>
    <div className="settings-screen">
      <h1 className="settings-title">Settings</h1>
      <KeyHints
        label="Settings keys"
        hints={[
          ['settings.testDial', 'test dial'],
          ['settings.backupNow', 'back up now'],
          ['settings.copyDiagnostics', 'copy diagnostics'],
          ['help.open', 'all keys'],
        ]}
      />
      <div className="settings-column">
        <SettingsForm settings={settings} firstRun={false} />
        <PhoneForm settings={settings} />
        <DeskForm settings={settings} />
        <AppearanceForm settings={settings} />
        <NotificationsForm settings={settings} />
        <BackupsPanel settings={settings} />
        <DiagnosticsPanel />
        <GoalsForm settings={settings} />
        <PowerDialForm settings={settings} />
      </div>
      <div className="settings-column">
        <CallingRulesForm />
        <QueueRulesForm settings={settings} />
      </div>
    </div>
    </UnsavedChangesGuard>
  );
}
