import type { Settings } from '../../../../shared/ipc/contract';
import { AppearanceForm } from './AppearanceForm';
import { NotificationsForm } from './NotificationsForm';
import { PowerDialForm } from './PowerDialForm';
import { QueueRulesForm } from './QueueRulesForm';
import { SettingsForm } from './SettingsForm';

export function SettingsScreen({ settings }: { settings: Settings }) {
  return (
    <div className="settings-screen">
      <h1 className="settings-title">Settings</h1>
      <div className="settings-column">
        <SettingsForm settings={settings} firstRun={false} />
        <AppearanceForm settings={settings} />
        <NotificationsForm settings={settings} />
        <PowerDialForm settings={settings} />
      </div>
      <QueueRulesForm settings={settings} />
    </div>
  );
}
