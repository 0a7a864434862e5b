import type { HandlersOf, Services } from '../handlers';

export function diagnosticsHandlers({ diagnostics }: Services): HandlersOf<'diagnostics.reportError' | 'diagnostics.summary'> {
  return {
    'diagnostics.reportError': (request) => {
      diagnostics.reportRendererError(request.message, request.stack);
      return {};
    },
    'diagnostics.summary': () => ({ text: diagnostics.summary() }),
  };
}
