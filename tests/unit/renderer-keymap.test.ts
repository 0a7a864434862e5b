// The one keymap (renderer/src/keys/registry.ts): how a key press is spelt, which command it runs
// given where the focus is and what dialog is open, and what the "?" overlay lists.
import { describe, expect, it } from 'vitest';
import { comboOf, isField, keyLabel, KeyRegistry, normalizeKey, type Command, type KeyPress } from '../../renderer/src/keys/registry';

function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^\d$/.test(key) ? `Digit${key}` : key;
  return { key, code, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, target: null, ...extra };
}
const TEXT_FIELD = { tagName: 'INPUT', type: 'text' };
const CHECKBOX = { tagName: 'INPUT', type: 'checkbox' };
const BUTTON = { tagName: 'BUTTON' };

/** A registry and a log of what ran. */
function setUp() {
  const registry = new KeyRegistry();
  const ran: string[] = [];
  const command = (id: string, keys: string[], extra: Partial<Command> = {}): Command => ({ id, keys, label: id, run: () => void ran.push(id), ...extra });
  return { registry, ran, command };
}

describe('how keys are spelt', () => {
  it('one spelling per key: modifiers in order, letters in lower case', () => {
    expect(normalizeKey('Alt+Q')).toBe('Alt+q');
    expect(normalizeKey('D')).toBe('d');
    expect(normalizeKey('shift+alt+ctrl+S')).toBe('Ctrl+Alt+Shift+s');
    expect(normalizeKey('ArrowDown')).toBe('ArrowDown');
  });

  it('a press: the physical key with Alt (Option+Q types œ on a Mac), Shift only with a named key', () => {
    expect(comboOf(press('œ', { code: 'KeyQ', altKey: true }))).toBe('Alt+q');
    expect(comboOf(press('?', { code: 'Slash', shiftKey: true }))).toBe('?');
    expect(comboOf(press('D', { shiftKey: true }))).toBe('d');
    expect(comboOf(press('Tab', { shiftKey: true }))).toBe('Shift+Tab');
    expect(comboOf(press(' ', { code: 'Space' }))).toBe('Space');
    expect(comboOf(press('s', { ctrlKey: true }))).toBe('Ctrl+s');
  });

  it('as a hint prints them', () => {
    expect(['ArrowDown', 'ArrowUp', 'Escape', 'Alt+q', 'PageDown', 'd', 'Ctrl+s', '/'].map(keyLabel)).toEqual(['↓', '↑', 'Esc', 'Alt+Q', 'PgDn', 'D', 'Ctrl+S', '/']);
  });

  it('fields that take typing: text inputs, text areas, selects; not check boxes or buttons', () => {
    expect([TEXT_FIELD, { tagName: 'INPUT', type: 'datetime-local' }, { tagName: 'TEXTAREA' }, { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }].map(isField)).toEqual([true, true, true, true, true]);
    expect([CHECKBOX, BUTTON, { tagName: 'DIV' }, null].map(isField)).toEqual([false, false, false, false]);
  });
});

describe('dispatch', () => {
  it('runs the command of the key, in either case, and says it did', () => {
    const { registry, ran, command } = setUp();
    registry.register('screen', null, () => [command('pin', ['p']), command('dnc', ['D'])]);
    expect(registry.dispatch(press('p'))).toBe(true);
    expect(registry.dispatch(press('D', { shiftKey: true }))).toBe(true);
    expect(registry.dispatch(press('q'))).toBe(false);
    expect(ran).toEqual(['pin', 'dnc']);
  });

  it('typing stays typing: a plain key does nothing in a text field, unless the command takes it from there', () => {
    const { registry, ran, command } = setUp();
    const search = { tagName: 'INPUT', type: 'search' };
    registry.register('screen', null, () => [
      command('pin', ['p']),
      command('down', ['ArrowDown'], { alsoFrom: (p) => p.target === search }),
      command('leave', ['Escape'], { where: 'fields' }),
      command('nav', ['Alt+q'], { where: 'anywhere' }),
    ]);
    expect(registry.dispatch(press('p', { target: TEXT_FIELD }))).toBe(false);
    expect(registry.dispatch(press('ArrowDown', { target: TEXT_FIELD }))).toBe(false);
    expect(registry.dispatch(press('ArrowDown', { target: search }))).toBe(true);
    expect(registry.dispatch(press('Escape'))).toBe(false);
    expect(registry.dispatch(press('Escape', { target: TEXT_FIELD }))).toBe(true);
    expect(registry.dispatch(press('q', { altKey: true, target: TEXT_FIELD }))).toBe(true);
    expect(registry.dispatch(press('p', { target: CHECKBOX }))).toBe(true);
    expect(ran).toEqual(['down', 'leave', 'nav', 'pin']);
  });

  it('Enter on a button and Space on a check box do what they do natively', () => {
    const { registry, ran, command } = setUp();
    registry.register('screen', null, () => [command('open', ['Enter']), command('toggle', ['Space'])]);
    expect(registry.dispatch(press('Enter', { target: BUTTON }))).toBe(false);
    expect(registry.dispatch(press(' ', { code: 'Space', target: CHECKBOX }))).toBe(false);
    expect(registry.dispatch(press('Enter', { target: { tagName: 'INPUT', type: 'radio' } }))).toBe(true);
    expect(ran).toEqual(['open']);
  });

  it('a key a field already handled (defaultPrevented) is left alone', () => {
    const { registry, ran, command } = setUp();
    registry.register('screen', null, () => [command('back', ['Escape'], { where: 'anywhere' })]);
    expect(registry.dispatch(press('Escape', { defaultPrevented: true }))).toBe(false);
    expect(ran).toEqual([]);
  });

  it('an open dialog has the keyboard: only its keys work, the screen’s again once it closes', () => {
    const { registry, ran, command } = setUp();
    registry.register('screen', null, () => [command('view', ['v']), command('back', ['Escape'])]);
    registry.register('global', null, () => [command('nav', ['Alt+l'], { where: 'anywhere' })]);
    const close = registry.openModal('snooze');
    registry.register('modal', 'snooze', () => [command('hour', ['1']), command('cancel', ['Escape'], { where: 'anywhere' })]);
    registry.register('modal', 'other', () => [command('other', ['v'])]);
    expect(registry.topModal()).toBe('snooze');
    for (const key of ['v', '1', 'Escape']) registry.dispatch(press(key));
    registry.dispatch(press('l', { altKey: true }));
    expect(ran).toEqual(['hour', 'cancel']);
    close();
    registry.dispatch(press('v'));
    expect(ran).toEqual(['hour', 'cancel', 'view']);
  });

  it('the screen answers before the header; a disabled command or one that declines passes the key on', () => {
    const { registry, ran, command } = setUp();
    registry.register('global', null, () => [command('leave-field', ['Escape'])]);
    registry.register('screen', null, () => [command('off', ['x'], { enabled: false }), { ...command('declines', ['Escape']), run: () => false }, command('back', ['Escape'])]);
    expect(registry.dispatch(press('x'))).toBe(false);
    registry.dispatch(press('Escape'));
    expect(ran).toEqual(['back']);
  });

  it('a command is read when its key is pressed, so it acts on what is on screen then', () => {
    const { registry, ran } = setUp();
    let lead = 'Ana';
    registry.register('screen', null, () => [{ id: 'pin', keys: ['p'], label: 'Pin', run: () => void ran.push(lead) }]);
    registry.dispatch(press('p'));
    lead = 'Ben';
    registry.dispatch(press('p'));
    expect(ran).toEqual(['Ana', 'Ben']);
  });
});

describe('what the overlay and the hints read', () => {
  it('listed: the screen’s keys, then the header’s; not a dialog’s, not an unlisted one; unregistered ones go', () => {
    const { registry, command } = setUp();
    registry.register('global', null, () => [command('nav', ['Alt+q'])]);
    const off = registry.register('screen', null, () => [command('pin', ['p']), command('pin-again', ['P'], { unlisted: true })]);
    registry.register('modal', 'snooze', () => [command('hour', ['1'])]);
    expect(registry.listed().map((c) => c.id)).toEqual(['pin', 'nav']);
    off();
    expect(registry.listed().map((c) => c.id)).toEqual(['nav']);
  });

  it('find: a hint is live only when its key works now', () => {
    const { registry, command } = setUp();
    registry.register('screen', null, () => [command('pin', ['p']), command('skip', ['s'], { enabled: false })]);
    registry.register('modal', 'snooze', () => [command('hour', ['1'])]);
    expect(registry.find('pin')).toMatchObject({ live: true });
    expect(registry.find('skip')).toMatchObject({ live: false });
    expect(registry.find('hour')).toMatchObject({ live: false });
    expect(registry.find('nothing')).toBeNull();
    const close = registry.openModal('snooze');
    expect(registry.find('pin')).toMatchObject({ live: false });
    expect(registry.find('hour')).toMatchObject({ live: true });
    close();
  });

  it('conflicts: two enabled commands on one key in one place are a mistake; in and out of fields are two places', () => {
    const { registry, command } = setUp();
    registry.register('screen', null, () => [command('skip', ['s']), command('stop', ['S']), command('leave', ['Escape'], { where: 'fields' }), command('back', ['Escape']), command('off', ['s'], { enabled: false })]);
    expect(registry.conflicts()).toEqual(['s (keys): skip and stop']);
  });

  it('tells its listeners when something is registered, opened or closed: once for a burst', async () => {
    const { registry, command } = setUp();
    let told = 0;
    const stop = registry.subscribe(() => told++);
    const version = registry.getVersion();
    const off = registry.register('screen', null, () => [command('pin', ['p'])]);
    const close = registry.openModal('snooze');
    expect(registry.getVersion()).toBe(version + 2);
    await Promise.resolve();
    expect(told).toBe(1);
    close();
    off();
    await Promise.resolve();
    expect(told).toBe(2);
    stop();
    registry.changed();
    await Promise.resolve();
    expect(told).toBe(2);
  });
});
