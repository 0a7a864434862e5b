// The one keymap: every key the app answers to is a command here ({ keys, label, run, when it is
// enabled, where it works }), registered by the component that owns it under a scope. One
// listener dispatches; the key hints (<Kbd>) and the "?" overlay are drawn from the same
// registrations, so a key shown is a key that works. Pure (no DOM types): tested in Node.

/** What the dispatcher reads of a keydown event. */
export interface KeyPress {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  target: unknown;
  defaultPrevented?: boolean;
}

/** Where a key works: outside text fields (the default, so typing stays typing), only inside
 *  them, or anywhere (modified keys such as Alt+Q). */
export type Where = 'keys' | 'fields' | 'anywhere';

export interface Command {
  /** Unique among the registered commands: "queue.pin". */
  id: string;
  /** "p", "Enter", "ArrowDown", "Alt+q", "Ctrl+s", "?" — letters in either case. */
  keys: readonly string[];
  /** What it does, for the overlay: "Pin or unpin the lead". */
  label: string;
  /** The overlay's heading it is listed under. */
  group?: string;
  /** Return false when the key was not used after all (the browser keeps it). */
  run: (press: KeyPress) => void | false;
  /** Off: listed and shown dimmed, and the key does nothing. Default on. */
  enabled?: boolean;
  where?: Where;
  /** A press in a field that the command takes even so (arrows in a search box steer its list). */
  alsoFrom?: (press: KeyPress) => boolean;
  /** Left out of the overlay (a second way to do something listed). */
  unlisted?: boolean;
}

/** global: the header's keys; screen: the screen shown; modal: a dialog that has the keyboard
 *  (while one is open only its own keys work). */
export type ScopeKind = 'global' | 'screen' | 'modal';

interface Registration {
  kind: ScopeKind;
  /** The modal's name (modal registrations only). */
  modal: string | null;
  commands: () => readonly Command[];
}

const MODIFIERS = ['Ctrl', 'Alt', 'Meta', 'Shift'] as const;

const spellings = new Map<string, string>();

/** "Alt+Q" → "Alt+q", "D" → "d", "ctrl+S" → "Ctrl+s": one spelling per key (remembered: every
 *  key press compares against every command's keys). */
export function normalizeKey(key: string): string {
  let spelt = spellings.get(key);
  if (spelt === undefined) {
    spelt = spell(key);
    spellings.set(key, spelt);
  }
  return spelt;
}

function spell(key: string): string {
  const parts = key === '+' ? ['+'] : key.split('+');
  const base = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => MODIFIERS.find((m) => m.toLowerCase() === p.toLowerCase()) ?? p));
  const name = base.length === 1 ? base.toLowerCase() : base;
  return [...MODIFIERS.filter((m) => mods.has(m)), name].join('+');
}

/** The key a press stands for, spelt as normalizeKey spells it. Shift is part of a printed
 *  character ("?" is Shift+/), so it only counts with a named key; with Alt, Ctrl or Meta the
 *  physical key decides (Option+Q on a Mac types "œ"). */
export function comboOf(press: KeyPress): string {
  let base = press.key;
  const modified = press.altKey || press.ctrlKey || press.metaKey;
  if (base.length === 1) {
    if (modified && /^Key[A-Z]$/.test(press.code)) base = press.code.slice(3);
    else if (modified && /^Digit\d$/.test(press.code)) base = press.code.slice(5);
    base = base === ' ' ? 'Space' : base.toLowerCase();
  }
  const mods = [press.ctrlKey && 'Ctrl', press.altKey && 'Alt', press.metaKey && 'Meta', press.shiftKey && base.length > 1 && base !== 'Space' && 'Shift'].filter(Boolean);
  return [...mods, base].join('+');
}

const KEY_LABELS = new Map<string, string>([
  ['ArrowUp', '↑'],
  ['ArrowDown', '↓'],
  ['ArrowLeft', '←'],
  ['ArrowRight', '→'],
  ['Escape', 'Esc'],
  ['PageUp', 'PgUp'],
  ['PageDown', 'PgDn'],
  ['Space', 'Space'],
]);

/** How a key is printed on a hint: "Alt+Q", "↓", "Esc", "D". */
export function keyLabel(key: string): string {
  return normalizeKey(key)
    .split('+')
    .map((part) => KEY_LABELS.get(part) ?? (part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}

interface ElementLike {
  tagName?: unknown;
  type?: unknown;
  isContentEditable?: unknown;
}

const TEXT_INPUTS = new Set(['text', 'search', 'tel', 'email', 'number', 'url', 'password', 'date', 'time', 'datetime-local', 'month', 'week', '']);

/** A field that takes typing: there, letters and digits are text, not commands. */
export function isField(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as ElementLike;
  if (el.isContentEditable === true) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && TEXT_INPUTS.has(String(el.type ?? '').toLowerCase());
}

/** Enter and Space on a focused button or link, and Space on a check box or radio button, do
 *  what they do natively. */
function activatesNatively(combo: string, target: unknown): boolean {
  if (combo !== 'Enter' && combo !== 'Space') return false;
  if (typeof target !== 'object' || target === null) return false;
  const el = target as ElementLike;
  const type = String(el.type ?? '');
  if (el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY') return true;
  if (el.tagName !== 'INPUT') return false;
  return ['button', 'submit', 'reset', 'file'].includes(type) || (combo === 'Space' && (type === 'checkbox' || type === 'radio'));
}

function worksAt(command: Command, press: KeyPress): boolean {
  const where = command.where ?? 'keys';
  if (where === 'anywhere') return true;
  const field = isField(press.target);
  if (where === 'fields') return field;
  return !field || command.alsoFrom?.(press) === true;
}

export class KeyRegistry {
  private readonly registrations = new Map<number, Registration>();
  private readonly modals: string[] = [];
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  private version = 0;
  private telling = false;

  register(kind: ScopeKind, modal: string | null, commands: () => readonly Command[]): () => void {
    const id = this.nextId++;
    this.registrations.set(id, { kind, modal, commands });
    this.changed();
    return () => {
      this.registrations.delete(id);
      this.changed();
    };
  }

  /** A dialog takes the keyboard until it closes. */
  openModal(name: string): () => void {
    this.modals.push(name);
    this.changed();
    return () => {
      const at = this.modals.lastIndexOf(name);
      if (at >= 0) this.modals.splice(at, 1);
      this.changed();
    };
  }

  /** The open dialog that has the keyboard, if any. */
  topModal(): string | null {
    return this.modals.at(-1) ?? null;
  }

  /** Registrations whose keys work now, the first to answer first: the top dialog's alone, or
   *  else the screen's, then the header's. */
  private activeLayers(): Registration[][] {
    const all = [...this.registrations.values()].reverse();
    const top = this.topModal();
    if (top !== null) return [all.filter((r) => r.kind === 'modal' && r.modal === top)];
    return [all.filter((r) => r.kind === 'screen'), all.filter((r) => r.kind === 'global')];
  }

  /** Run the command a key press stands for; true when one did. */
  dispatch(press: KeyPress): boolean {
    if (press.defaultPrevented) return false;
    const combo = comboOf(press);
    if (activatesNatively(combo, press.target)) return false;
    for (const layer of this.activeLayers()) {
      for (const registration of layer) {
        for (const command of registration.commands()) {
          if (command.enabled === false || !command.keys.some((k) => normalizeKey(k) === combo) || !worksAt(command, press)) continue;
          if (command.run(press) !== false) return true;
        }
      }
    }
    return false;
  }

  /** What the "?" overlay lists: the keys of the screen shown and of the header, as registered
   *  (a dialog's keys are listed by the dialog itself). */
  listed(): Command[] {
    const commands = [...this.registrations.values()]
      .filter((r) => r.kind !== 'modal')
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'screen' ? -1 : 1))
      .flatMap((r) => r.commands());
    return commands.filter((c) => !c.unlisted);
  }

  /** A registered command, and whether its key works right now (not behind a dialog, enabled). */
  find(id: string): { command: Command; live: boolean } | null {
    const top = this.topModal();
    for (const registration of this.registrations.values()) {
      const command = registration.commands().find((c) => c.id === id);
      if (!command) continue;
      const reachable = top === null ? registration.kind !== 'modal' : registration.kind === 'modal' && registration.modal === top;
      return { command, live: reachable && command.enabled !== false };
    }
    return null;
  }

  /** Two enabled commands answering the same key in the same place (both in fields, or both
   *  outside them) in the same layer: a mistake, since only the first would ever run. */
  conflicts(): string[] {
    const found: string[] = [];
    for (const layer of this.activeLayers()) {
      const seen = new Map<string, string>();
      for (const command of layer.flatMap((r) => r.commands())) {
        if (command.enabled === false) continue;
        const where = command.where ?? 'keys';
        const places = where === 'anywhere' ? ['keys', 'fields'] : [where];
        for (const key of command.keys.map(normalizeKey)) {
          for (const place of places) {
            const slot = `${key} (${place})`;
            const other = seen.get(slot);
            if (other !== undefined && other !== command.id) found.push(`${slot}: ${other} and ${command.id}`);
            seen.set(slot, command.id);
          }
        }
      }
    }
    return found;
  }

  /** Something registered, unregistered, opened, closed or changed its keys. A screen mounting
   *  registers a dozen times in one go: the hints hear of it once, before the frame is painted. */
  changed(): void {
    this.version++;
    if (this.telling) return;
    this.telling = true;
    queueMicrotask(() => {
      this.telling = false;
      for (const listener of this.listeners) listener();
    });
  }

  /** For useSyncExternalStore: stable functions, not methods. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;
}
