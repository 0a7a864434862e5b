import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { SITUATION_LABELS } from '../../../../shared/domain/scripts';
import { queries } from '../../api/queries';
import { Dialog } from '../../components/Dialog';
import { Kbd, useCommands, useModal } from '../../keys/keymap';
import type { Command } from '../../keys/registry';

/** G on the call screen: every script, numbered. 0 is the lead's own (from its history or its
 *  campaign), 1–9 the first nine; ↑ ↓ move and Enter picks any; Esc closes. */
export function ScriptList({ currentId, picked, onPick, onClose }: { currentId: number | null; picked: number | null; onPick: (scriptId: number | null) => void; onClose: () => void }) {
  const scripts = useQuery(queries.scripts());
  // Row 0 is "the lead's own", then the scripts in the list's order.
  const rows: { id: number | null; name: string; detail: string }[] = [
    { id: null, name: 'The lead’s own script', detail: 'from its history or its campaign' },
    ...(scripts.data ?? []).map((s) => ({ id: s.id, name: s.name, detail: `${SITUATION_LABELS[s.situation]}${s.campaign ? ` · ${s.campaign}` : ''}` })),
  ];
  const start = Math.max(0, rows.findIndex((r) => r.id === picked));
  const [active, setActive] = useState(start);
  const commands: Command[] = [
    { id: 'script-list.down', keys: ['ArrowDown'], label: 'Next script', run: () => setActive((i) => Math.min(i + 1, rows.length - 1)) },
    { id: 'script-list.up', keys: ['ArrowUp'], label: 'Previous script', run: () => setActive((i) => Math.max(i - 1, 0)) },
    { id: 'script-list.pick', keys: ['Enter'], label: 'Show this script', run: () => rows[active] && onPick(rows[active].id) },
    ...rows.slice(0, 10).map((row, i): Command => ({ id: `script-list.${i}`, keys: [String(i)], label: `Show “${row.name}”`, run: () => onPick(row.id) })),
  ];
  return (
    <Dialog name="script-list" label="Choose a script" onClose={onClose} commands={commands} className="script-list">
      <h2>Choose a script</h2>
      <p className="hint">A digit picks it; ↑ ↓ and Enter pick any; Esc closes.</p>
      <ul role="listbox" aria-label="Scripts" tabIndex={0} aria-activedescendant={`script-row-${active}`} className="script-choices">
        {rows.map((row, i) => (
          <li
            key={row.id ?? 'own'}
            id={`script-row-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'script-choice active' : 'script-choice'}
            onClick={() => onPick(row.id)}
            onMouseMove={() => setActive(i)}
          >
            {i < 10 ? <Kbd command={`script-list.${i}`} /> : <span className="kbd-gap" />} <strong>{row.name}</strong> <span className="hint">{row.detail}</span>
            {row.id !== null && row.id === currentId && <span className="hint"> · shown now</span>}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

/** K on the call screen: the section's checklist takes the keys — 1–9 tick or untick an item,
 *  Space the focused one, ↑ ↓ move between them, Esc gives the keys back to the call screen. */
export function ChecklistKeys({ items, onToggle, onDone }: { items: readonly string[]; onToggle: (item: string) => void; onDone: () => void }) {
  useModal('checklist');
  const moveFocus = (delta: number) => {
    const boxes = [...document.querySelectorAll<HTMLInputElement>('.checklist.ticking input[type="checkbox"]')];
    const at = boxes.findIndex((b) => b === document.activeElement);
    boxes[Math.min(boxes.length - 1, Math.max(0, at + delta))]?.focus();
  };
  useCommands(
    'modal',
    [
      ...items.slice(0, 9).map((item, i): Command => ({ id: `checklist.${i + 1}`, keys: [String(i + 1)], label: `Tick or untick “${item}”`, run: () => onToggle(item) })),
      { id: 'checklist.down', keys: ['ArrowDown'], label: 'Next item', run: () => moveFocus(1) },
      { id: 'checklist.up', keys: ['ArrowUp'], label: 'Previous item', run: () => moveFocus(-1) },
      { id: 'checklist.done', keys: ['Escape'], label: 'Done ticking: the call keys again', where: 'anywhere', run: onDone },
    ],
    'checklist',
  );
  return (
    <p className="hint" role="status">
      Checklist: a number ticks its item, Space the focused one; Esc gives the call keys back.
    </p>
  );
}
