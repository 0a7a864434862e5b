import { shell } from 'electron';
import { presetPattern, type PhonePresetId } from '../../shared/domain/dialPresets';
import { isAllowedExternalUri } from '../../shared/domain/dialUri';

/** The only way Dialdeck opens anything outside itself: allowlisted dial schemes and mailto, and
 *  the one link shape the rep's phone preset adds (Teams, Zoom Phone, RingCentral). */
export async function openAllowedExternal(uri: string, preset: PhonePresetId = 'tel'): Promise<void> {
  if (!isAllowedExternalUri(uri, presetPattern(preset))) throw new Error(`Refused to open a link that is not an allowed dial or mail link.`);
  await shell.openExternal(uri, { activate: true });
}
