import { describe, expect, it } from 'vitest';
import { dueWhen, firstDue, withoutOverduePromiseTasks, type DueKind } from '../../shared/domain/dueOrder';

const at = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);
const item = (kind: DueKind, hhmm: string, name: string) => ({ kind, dueAt: at(hhmm), name });

describe('firstDue: what Alt+D opens', () => {
  it('a promised callback before an earlier email task', () => {
    expect(firstDue([item('task', '09:00', 'email'), item('callback', '09:30', 'callback')])?.name).toBe('callback');
  });
  it('callbacks, then promises, then tasks, each by time', () => {
    const items = [item('task', '08:00', 't1'), item('promise', '09:10', 'p2'), item('promise', '08:30', 'p1'), item('task', '07:00', 't0')];
    expect(firstDue(items)?.name).toBe('p1');
    expect(firstDue([...items, item('callback', '11:00', 'c2'), item('callback', '10:00', 'c1')])?.name).toBe('c1');
    expect(firstDue(items.filter((i) => i.kind === 'task'))?.name).toBe('t0');
  });
  it('the earlier listed on a tie; nothing when nothing is due', () => {
    expect(firstDue([item('task', '09:00', 'a'), item('task', '09:00', 'b')])?.name).toBe('a');
    expect(firstDue([])).toBeUndefined();
  });
});

describe('dueWhen: how late an item is', () => {
  it('says how late an overdue callback or promise is', () => {
    // Promised for 09:30; it is 12:05: 2 h 35 min late.
    expect(dueWhen('callback', at('09:30'), '09:30', at('12:05'))).toBe('promised for 09:30, 2 h 35 min late');
    expect(dueWhen('promise', at('09:30'), '09:30', at('09:42'))).toBe('promised for 09:30, 12 min late');
  });
  it('a task is due, not promised; nothing late at or before its time', () => {
    expect(dueWhen('task', at('09:00'), '09:00', at('09:05'))).toBe('due 09:00, 5 min late');
    expect(dueWhen('callback', at('09:30'), '09:30', at('09:30'))).toBe('promised for 09:30');
  });
});

describe('withoutOverduePromiseTasks: an overdue promise named once in the due strip', () => {
  const due = (kind: 'callback' | 'task', ref: number, title: string) => ({ kind, ref, title });
  const items = [due('callback', 7, 'Jo: callback'), due('task', 7, 'Promise to Jo: send the price list'), due('task', 9, 'Email Ben'), due('task', 12, 'Promise to Ana: book the demo')];
  it('leaves out the reminder tasks of the overdue promises, and only those', () => {
    expect(withoutOverduePromiseTasks(items, [{ reminderTaskId: 7 }, { reminderTaskId: 12 }]).map((i) => i.title)).toEqual(['Jo: callback', 'Email Ben']);
    expect(withoutOverduePromiseTasks(items, [{ reminderTaskId: 12 }]).map((i) => i.title)).toEqual(['Jo: callback', 'Promise to Jo: send the price list', 'Email Ben']);
  });
  it('a callback whose lead id equals a reminder task id stays; nothing overdue leaves the list as it is', () => {
    expect(withoutOverduePromiseTasks([items[0]!], [{ reminderTaskId: 7 }])).toEqual([items[0]]);
    expect(withoutOverduePromiseTasks(items, [])).toEqual(items);
  });
});
