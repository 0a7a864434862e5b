import type { HandlersOf, Services } from '../handlers';

type ScriptChannels = 'scripts.list' | 'scripts.save' | 'scripts.delete' | 'scripts.restore' | 'scripts.import' | 'scripts.export' | 'scripts.forCall';

export function scriptsHandlers({ scripts }: Services): HandlersOf<ScriptChannels> {
  return {
    'scripts.list': () => scripts.all(),
    'scripts.save': ({ id, ...draft }) => scripts.save(id, draft),
    'scripts.delete': ({ id }) => scripts.remove(id),
    'scripts.restore': ({ id }) => scripts.restore(id),
    'scripts.import': ({ fileName, text }) => scripts.import(fileName, text),
    'scripts.export': ({ id }) => scripts.export(id),
    'scripts.forCall': ({ contactId, situation, scriptId, voicemailMode }) => scripts.forCall(contactId, { situation, scriptId, voicemailMode }),
  };
}
