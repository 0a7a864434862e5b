import type { HandlersOf, Services } from '../handlers';
import { schemaVersion } from '../db/migrations';

export function appHandlers({ ctx, version }: Services): HandlersOf<'app.info' | 'app.now'> {
  return {
    'app.info': () => ({ version, schemaVersion: schemaVersion(ctx.db), dataDir: ctx.paths.dataDir, defaultCountry: ctx.settings.get('defaultCountry') }),
    'app.now': () => ({ now: ctx.clock.now().toISOString(), rate: ctx.clock.runs ? 1 : 0 }),
  };
}
