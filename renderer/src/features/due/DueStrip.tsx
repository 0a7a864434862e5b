import { useEffect, useLayoutEffect } from 'react';
import type { DueItem } from '../../../../shared/ipc/contract';
import { invoke, onEvent } from '../../api/client';
import { Kbd } from '../../components/Kbd';
import { useLoad } from '../../components/useAsync';
import { useNow } from '../../components/now';
import { dateTimeIn } from '../../components/zoneTime';

/** "Due now" across the top of every screen: promised callbacks and tasks that are due, and once,
 *  what fell due while Dialdeck was closed. Alt+D opens the first. */
export function DueStrip({ onOpen }: { onOpen: (contactId: number) => void }) {
  const { data, reload } = useLoad(() => invoke('due.list', {}), []);
  const now = useNow();
  useEffect(() => {
    const offs = [onEvent('due.changed', reload), onEvent('queue.changed', reload)];
    return () => offs.forEach((off) => off());
  }, [reload]);
  // Something falls due on the minute: look again each minute of the core's clock.
  const minute = Math.floor(now / 60_000);
  useEffect(() => reload(), [minute, reload]);

  const first = data?.dueNow[0];
  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if ((event.key.toLowerCase() === 'd' || event.code === 'KeyD') && first) {
        event.preventDefault();
        onOpen(first.contactId);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!data || (data.dueNow.length === 0 && !data.missed)) return null;
  return (
    <div className="due-strip" role="region" aria-label="Due now">
      {data.missed && (
        <div className="missed" role="alert">
          <strong>{data.missed.summary}.</strong> {data.missed.items.map((i) => `${i.name} (${i.theirTime} their time)`).join(', ')}. They are at the top of the queue.{' '}
          <button type="button" className="button small" onClick={() => void invoke('due.ackMissed', { id: data.missed!.id }).then(reload)}>
            Got it
          </button>
        </div>
      )}
      {data.dueNow.length > 0 && (
        <div className="due-now">
          <span className="due-label">
            Due now <span className="due-count">{data.dueNow.length}</span> <Kbd>Alt+D</Kbd>
          </span>
          {data.dueNow.slice(0, 6).map((item) => (
            <DueButton key={`${item.kind}-${item.ref}`} item={item} onOpen={onOpen} onDone={reload} />
          ))}
          {data.dueNow.length > 6 && <span className="hint">and {data.dueNow.length - 6} more</span>}
        </div>
      )}
    </div>
  );
}

function DueButton({ item, onOpen, onDone }: { item: DueItem; onOpen: (contactId: number) => void; onDone: () => void }) {
  return (
    <span className={`due-item due-${item.kind}${item.missed ? ' due-missed' : ''}`}>
      <button type="button" className="link-button" onClick={() => onOpen(item.contactId)} title={`Due ${dateTimeIn(item.dueAt)} your time`}>
        {item.kind === 'callback' ? 'Callback' : 'Task'}: {item.name} · {item.theirTime} their time
      </button>
      {item.kind === 'task' && (
        <button type="button" className="button small" onClick={() => void invoke('tasks.complete', { id: item.ref }).then(onDone)} aria-label={`Mark done: ${item.title} for ${item.name}`}>
          Done
        </button>
      )}
    </span>
  );
}
