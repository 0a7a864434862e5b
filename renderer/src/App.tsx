import { useState } from 'react';
import { QueueScreen } from './features/queue/QueueScreen';
import { CallScreen } from './features/call/CallScreen';

type View = { screen: 'queue' } | { screen: 'call'; contactId: number };

export function App() {
  const [view, setView] = useState<View>({ screen: 'queue' });
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">Dialdeck</span>
        <nav aria-label="Screens">
          <button
            type="button"
            className={view.screen === 'queue' ? 'nav-link active' : 'nav-link'}
            onClick={() => setView({ screen: 'queue' })}
          >
            Queue
          </button>
        </nav>
      </header>
      <main className="app-main">
        {view.screen === 'queue' ? (
          <QueueScreen onOpen={(contactId) => setView({ screen: 'call', contactId })} />
        ) : (
          <CallScreen contactId={view.contactId} onBack={() => setView({ screen: 'queue' })} />
        )}
      </main>
    </div>
  );
}
