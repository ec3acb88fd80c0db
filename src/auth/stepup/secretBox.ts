import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ArgusError } from '../../core/errors.js';

/** Length of the AES-256 key and of every derived sub-key. */
export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bump when the layout changes; open() refuses versions it does not know instead of guessing. */
const VERSION = 'v1';

/**
 * Seals short secrets (TOTP seeds) so that a copy of the database alone does not reveal them.
 * Output: `v1.<iv>.<ciphertext>.<tag>`, each part base64url.
 */
export interface SecretBox {
  /** `context` (e.g. the factor id) is authenticated, not stored: a sealed value moved to another row fails to open. */
  seal(plain: string, context?: string): string;
  /** Throws ArgusError (INPUT_INVALID) when the value was altered, sealed under another key or another context. */
  open(sealed: string, context?: string): string;
  /** A 32-byte key for another purpose, derived with HKDF so it never equals the encryption key. */
  derive(purpose: string): Buffer;
}

export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== SECRET_KEY_BYTES) {
    throw new ArgusError(
      'CONFIG_INVALID',
      `the auth secret key must be ${SECRET_KEY_BYTES} bytes, got ${key.length}`,
    );
  }
  const master = Buffer.from(key);
  return {
    seal(plain, context = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', master, iv);
      cipher.setAAD(Buffer.from(`${VERSION}:${context}`, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join(
        '.',
      );
    },
    open(sealed, context = '') {
      const parts = sealed.split('.');
      const [version, ivText, bodyText, tagText] = parts;
      if (parts.length !== 4 || version === undefined || ivText === undefined || bodyText === undefined) {
        throw unreadable('it is not a sealed value (expected v1.<iv>.<ciphertext>.<tag>)');
      }
      if (version !== VERSION) throw unreadable(`unknown format version ${JSON.stringify(version)}`);
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText ?? '', 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
        throw unreadable('its IV or tag has the wrong length');
      const decipher = createDecipheriv('aes-256-gcm', master, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${VERSION}:${context}`, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([
          decipher.update(Buffer.from(bodyText, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch (error) {
        throw unreadable('authentication failed (altered, or sealed under another key)', error);
      }
    },
    derive(purpose) {
      return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `argus:${purpose}`, SECRET_KEY_BYTES));
    },
  };
}

function unreadable(why: string, cause?: unknown): ArgusError {
  return new ArgusError('INPUT_INVALID', `a sealed secret could not be opened: ${why}`, {
    hint: 'check that auth.secretKeyFile is the key the secret was sealed with; a lost key means re-enrolling the factor',
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Reads the key file, creating it (mode 0600, parent 0700) with a random key when absent.
 * Accepts 32 raw bytes, 64 hex characters or base64 of 32 bytes, so operators can provision it
 * from a secret manager; creates hex.
 */
export async function loadSecretKey(file: string): Promise<Buffer> {
  const existing = await readKeyFile(file);
  if (existing !== undefined) return existing;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Written aside then hard-linked into place: link() fails when the name exists, so two processes
  // starting together agree on one key, and nobody ever reads a half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, `${randomBytes(SECRET_KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyFileError(file, error);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const created = await readKeyFile(file);
  if (created === undefined) throw keyFileError(file, new Error('the file vanished after it was created'));
  return created;
}

async function readKeyFile(file: string): Promise<Buffer | undefined> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw keyFileError(file, error);
  }
  const key = parseKey(raw);
  if (key === undefined) {
    throw new ArgusError(
      'CONFIG_INVALID',
      `auth.secretKeyFile ${file} does not hold a ${SECRET_KEY_BYTES}-byte key (${raw.length} bytes read)`,
      {
        input: file,
        hint: `put 32 random bytes in it as 64 hex characters (openssl rand -hex 32), or delete it to have one created; a new key makes enrolled TOTP factors unreadable`,
      },
    );
  }
  return key;
}

function parseKey(raw: Buffer): Buffer | undefined {
  const text = raw.toString('utf8').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const decoded = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
    if (decoded.length === SECRET_KEY_BYTES) return decoded;
  }
  if (raw.length === SECRET_KEY_BYTES) return Buffer.from(raw);
  return undefined;
}

function keyFileError(file: string, cause: unknown): ArgusError {
  return new ArgusError('CONFIG_UNREADABLE', `auth.secretKeyFile ${file} could not be read or created`, {
    input: file,
    hint: 'check that the folder exists or can be created, and that Argus may read and write it',
    cause,
  });
}

/** Loads (or creates) the key file and returns the box built on it. */
export async function openSecretBox(file: string): Promise<SecretBox> {
  return createSecretBox(await loadSecretKey(file));
}
