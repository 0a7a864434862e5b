import { Dialog } from '../components/Dialog';
import { Kbd, useListedCommands } from './keymap';
import { keyLabel, type Command } from './registry';

/** "?": every key of the screen shown (and of the header), as the keymap holds them. */
export function KeyHelp({ screen, onClose }: { screen: string; onClose: () => void }) {
  const commands = useListedCommands();
  const groups = new Map<string, Command[]>();
  for (const command of commands) {
    const group = command.group ?? screen;
    groups.set(group, [...(groups.get(group) ?? []), command]);
  }
  return (
    <Dialog
      name="help"
      label={`Keys: ${screen}`}
      onClose={onClose}
      className="key-help"
      commands={[{ id: 'help.toggle', keys: ['?'], label: 'Close the list of keys', where: 'anywhere', run: onClose }]}
    >
      <h2>Keys: {screen}</h2>
      <div className="key-help-groups">
        {[...groups].map(([group, list]) => (
          <table key={group} className="key-table" aria-label={group}>
            <caption>{group}</caption>
            <tbody>
              {list.map((command) => (
                <tr key={command.id} data-command={command.id} className={command.enabled === false ? 'key-off' : undefined}>
                  <th scope="row">
                    {command.keys.map((key) => (
                      <kbd key={key} className="kbd">
                        {keyLabel(key)}
                      </kbd>
                    ))}
                  </th>
                  <td>{command.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p className="hint">
        <Kbd command="help.toggle" /> or <Kbd command="help.close" /> closes
      </p>
    </Dialog>
  );
}
