import type { HandlersOf, Services } from '../handlers';
import { exportToFile } from './service';

export function exportsHandlers({ ctx, files }: Services): HandlersOf<'exports.write'> {
  return {
    'exports.write': (request) => exportToFile(ctx, files, request),
  };
}
