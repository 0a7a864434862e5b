// The keymap in React: one window listener for the whole app, commands registered by the
// component that owns them (read fresh at each key press, so a listener never needs
// re-subscribing), dialogs that take the keyboard while open, and key hints drawn from the
// registrations.
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { KeyRegistry, keyLabel, type Command, type ScopeKind } from './registry';

const RegistryContext = createContext<KeyRegistry | null>(null);

export function useKeyRegistry(): KeyRegistry {
  const registry = useContext(RegistryContext);
  if (!registry) throw new Error('useKeyRegistry outside <KeymapProvider>');
  return registry;
}

/** The one keydown listener. */
export function KeymapProvider({ registry, children }: { registry: KeyRegistry; children: ReactNode }) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.isComposing) return;
      if (registry.dispatch(event)) event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

/** Register commands for as long as the component is mounted. `modal` names the dialog whose
 *  keys they are (kind 'modal'). The commands are rebuilt each render and read at key-press time;
 *  hints are told when a key, or whether it is enabled, changes. */
export function useCommands(kind: ScopeKind, commands: readonly Command[], modal: string | null = null): void {
  const registry = useKeyRegistry();
  const latest = useRef(commands);
  useLayoutEffect(() => {
    latest.current = commands;
  });
  useLayoutEffect(() => registry.register(kind, modal, () => latest.current), [registry, kind, modal]);
  const signature = commands.map((c) => `${c.id}:${c.keys.join(',')}:${c.enabled !== false}`).join('|');
  useLayoutEffect(() => registry.changed(), [registry, signature]);
}

/** A dialog that has the keyboard while it is mounted: only its own commands work. */
export function useModal(name: string): void {
  const registry = useKeyRegistry();
  useLayoutEffect(() => registry.openModal(name), [registry, name]);
}

/** A dialog's keyboard: it has the keyboard while mounted, and these are its keys. */
export function useModalCommands(name: string, commands: readonly Command[]): void {
  useModal(name);
  useCommands('modal', commands, name);
}

function useRegistryVersion(registry: KeyRegistry): number {
  return useSyncExternalStore(registry.subscribe, registry.getVersion, registry.getVersion);
}

/** The key(s) of a registered command, as a hint: nothing when no such command is registered, so
 *  a hint never shows a key that does nothing; dimmed while its key is off or behind a dialog. */
export function Kbd({ command, first = false }: { command: string; first?: boolean }) {
  const registry = useKeyRegistry();
  useRegistryVersion(registry);
  const found = registry.find(command);
  if (!found) return null;
  const keys = first ? found.command.keys.slice(0, 1) : found.command.keys;
  return (
    <>
      {keys.map((key, i) => (
        <span key={key}>
          {i > 0 && ' '}
          <kbd className={found.live ? 'kbd' : 'kbd kbd-off'} data-command={command}>
            {keyLabel(key)}
          </kbd>
        </span>
      ))}
    </>
  );
}

/** "↑ ↓ choose · Enter open": hints for a row of commands, each with a short text; a hint may
 *  show the first key of several commands ("↑ ↓"). A hint whose commands are not registered now
 *  (the list they move in is not on screen: nobody to call) is left out, not drawn as bare words. */
export function KeyHints({ hints, label = 'Keys' }: { hints: readonly (readonly [commands: string | readonly string[], text: string])[]; label?: string }) {
  const registry = useKeyRegistry();
  useRegistryVersion(registry);
  return (
    <p className="hint key-hints" aria-label={label}>
      {hints.map(([commands, text]) => {
        const ids = typeof commands === 'string' ? [commands] : commands;
        if (!ids.some((id) => registry.find(id))) return null;
        return (
          <span key={ids.join(' ')} className="key-hint">
            {ids.map((id, i) => (
              <span key={id}>
                {i > 0 && ' '}
                <Kbd command={id} first={ids.length > 1} />
              </span>
            ))}{' '}
            {text}
          </span>
        );
      })}
    </p>
  );
}

/** The commands the "?" overlay lists, re-read when registrations change. */
export function useListedCommands(): Command[] {
  const registry = useKeyRegistry();
  useRegistryVersion(registry);
  return registry.listed();
}
