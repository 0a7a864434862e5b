import './zodJitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { startCoreClock } from './api/clock';
import { subscribeCoreEvents } from './api/events';
import { createQueryClient } from './api/queries';
import { RecoveryGate } from './features/recovery/RecoveryScreen';
import { KeymapProvider } from './keys/keymap';
import { KeyRegistry } from './keys/registry';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// Server state, its one event subscription and the core's clock: once, for the page's lifetime.
const queryClient = createQueryClient();
subscribeCoreEvents(queryClient);
startCoreClock();

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <KeymapProvider registry={new KeyRegistry()}>
        <RecoveryGate>
          <App />
        </RecoveryGate>
      </KeymapProvider>
    </QueryClientProvider>
  </StrictMode>,
);
