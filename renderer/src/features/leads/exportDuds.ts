import { invoke } from '../../api/client';
import { downloadText } from '../../components/files';

/** Download one import's rejected rows as "duds to return"; a failure goes to onError. */
export async function exportDuds(importId: number, onError: (message: string) => void): Promise<void> {
  try {
    const file = await invoke('exports.csv', { what: 'duds', importId });
    downloadText(file.fileName, file.csv);
  } catch (e) {
    onError(e instanceof Error ? e.message : String(e));
  }
}
