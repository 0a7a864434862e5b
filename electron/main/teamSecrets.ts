// The team connection URL (it holds the rep's database password) in the app: encrypted with the
// OS keychain through Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the Secret
// Service or KWallet on Linux), written to a file of its own, never to the settings table.
import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { TeamSecrets } from '../core/team/secrets';

type Encryptor = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

export function keychainSecrets(file: string, safeStorage: Encryptor): TeamSecrets {
  return {
    description: `${file}, encrypted with this computer's keychain`,
    save(url) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('This computer offers Dialdeck no keychain to encrypt the team connection with, so it is not stored. Sign in to the desktop\'s keyring (Linux: GNOME Keyring or KWallet) and join again.');
      }
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.tmp`;
      fs.writeFileSync(temp, safeStorage.encryptString(url), { mode: 0o600 });
      fs.renameSync(temp, file);
    },
    load() {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      return safeStorage.decryptString(bytes);
    },
  };
}
