import type { HandlersOf, Services } from '../handlers';
import { decodeBase64 } from '../imports/service';
import { addToDnc, dncEntries, importDnc } from './service';

export function dncHandlers({ ctx }: Services): HandlersOf<'dnc.add' | 'dnc.list' | 'dnc.import'> {
  return {
    'dnc.add': ({ phone, source }) => addToDnc(ctx, phone, source),
    'dnc.list': () => dncEntries(ctx.db),
    'dnc.import': ({ fileName, data }) => importDnc(ctx, fileName, decodeBase64(data)),
  };
}
