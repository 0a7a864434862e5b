// Imported first (main.tsx): zod checks whether it may compile schemas with `new Function`, and
// under the window's Content-Security-Policy (no 'unsafe-eval') that check is itself reported as
// a violation. Shared modules the renderer imports (cadence, settings) build zod schemas, so zod is
// told up front to interpret them instead.
import { config } from 'zod';

config({ jitless: true });
