import type { HandlersOf, Services } from '../handlers';
import { decodeBase64, importCopiesFolder, importHistory, importRowsPage, importStagedFile, importTheRest, interruptedImports, keepImport, mergedRowsView, previewImport, splitMergedRow } from './service';

type ImportChannels = 'imports.preview' | 'imports.run' | 'imports.list' | 'imports.interrupted' | 'imports.resume' | 'imports.keep' | 'imports.rows' | 'imports.mergedRows' | 'imports.split';

export function importsHandlers({ ctx, queue, stage }: Services): HandlersOf<ImportChannels> {
  return {
    'imports.preview': (request) => {
      const stageId = request.data !== undefined ? stage.put(request.fileName, decodeBase64(request.data)) : request.stageId!;
      return previewImport(ctx.db, stage, { stageId, encoding: request.encoding, delimiter: request.delimiter });
    },
    'imports.run': (request) => importStagedFile(ctx, queue, stage, request),
    'imports.list': () => importHistory(ctx.db),
    'imports.interrupted': () => interruptedImports(ctx.db, importCopiesFolder(ctx)),
    'imports.resume': ({ importId, data }) => importTheRest(ctx, queue, { importId, bytes: data === undefined ? undefined : decodeBase64(data) }),
    'imports.keep': ({ importId }) => keepImport(ctx.db, ctx.clock, importId, importCopiesFolder(ctx)),
    'imports.rows': (request) => importRowsPage(ctx.db, request),
    'imports.mergedRows': ({ contactId }) => mergedRowsView(ctx.db, contactId),
    'imports.split': ({ importRowId }) => splitMergedRow(ctx, importRowId),
  };
}
