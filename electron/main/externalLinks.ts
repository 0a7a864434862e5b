import { shell } from 'electron';
import { isAllowedExternalUri } from '../../shared/domain/dialUri';

/** The only way Dialdeck opens anything outside itself: allowlisted dial schemes and mailto. */
export async function openAllowedExternal(uri: string): Promise<void> {
  if (!isAllowedExternalUri(uri)) throw new Error(`Refused to open a link that is not an allowed dial or mail link.`);
  await shell.openExternal(uri, { activate: true });
}
