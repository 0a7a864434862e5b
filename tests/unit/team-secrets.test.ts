import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainSecrets } from '../../electron/main/teamSecrets';
import { fileSecrets } from '../../electron/core/team/secrets';
import { tempDir } from './helpers';

const URL_WITH_PASSWORD = 'postgres://team_rep_ada:s3cret-Pa55@db.example:5432/team';

// A stand-in for safeStorage: a reversible transform that is visibly not the plain text.
const fakeKeychain = (available: boolean) => ({
  isEncryptionAvailable: () => available,
  encryptString: (text: string) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a)).toString('utf8'),
});

describe('where a desk keeps its team URL', () => {
  it('the app: encrypted through the keychain, never the plain URL on disk', () => {
    const file = path.join(tempDir(), 'team-url.enc');
    const secrets = keychainSecrets(file, fakeKeychain(true));
    expect(secrets.load()).toBeNull();
    secrets.save(URL_WITH_PASSWORD);
    expect(fs.readFileSync(file).includes(Buffer.from('s3cret-Pa55'))).toBe(false);
    expect(secrets.load()).toBe(URL_WITH_PASSWORD);
  });

  it('the app: without a keychain it refuses to store the URL rather than write it in the clear', () => {
    const file = path.join(tempDir(), 'team-url.enc');
    expect(() => keychainSecrets(file, fakeKeychain(false)).save(URL_WITH_PASSWORD)).toThrow(/no keychain/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('the command line: a file only its owner can read, and it says so', () => {
    const file = path.join(tempDir(), 'team-url');
    const secrets = fileSecrets(file);
    secrets.save(URL_WITH_PASSWORD);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(secrets.load()).toBe(URL_WITH_PASSWORD);
    expect(secrets.description).toMatch(/0600.*not encrypted/);
  });
});
