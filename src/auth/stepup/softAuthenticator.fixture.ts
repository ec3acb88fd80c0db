import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

/**
 * A software security key for tests: a real ES256 key pair, 'none' attestation and assertions
 * built byte by byte as the WebAuthn spec lays them out, so @simplewebauthn/server checks real
 * signatures rather than mocks.
 */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  /** The signature counter; the next assertion reports counter + 1. Tests set it to replay or clone. */
  counter = 0;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return this.credentialId.toString('base64url');
  }

  register(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    rpId: string = options.rp.id ?? '',
  ): RegistrationResponseJSON {
    const clientDataJSON = clientData('webauthn.create', options.challenge, origin);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      this.authDataHead(rpId, FLAG_UP | FLAG_UV | FLAG_AT, this.counter),
      Buffer.alloc(16), // AAGUID: zeros, as authenticators without attestation report
      idLength,
      this.credentialId,
      Buffer.from(this.coseKey()),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]) as Parameters<typeof isoCBOR.encode>[0],
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON,
        attestationObject: Buffer.from(attestationObject).toString('base64url'),
        transports: ['usb'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform',
    };
  }

  /** Signs the challenge; moves the counter forward first, as a real authenticator does. */
  authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    rpId: string = options.rpId ?? '',
  ): AuthenticationResponseJSON {
    this.counter++;
    const clientDataJSON = clientData('webauthn.get', options.challenge, origin);
    const authData = this.authDataHead(rpId, FLAG_UP | FLAG_UV, this.counter);
    const clientDataHash = createHash('sha256').update(Buffer.from(clientDataJSON, 'base64url')).digest();
    const signature = sign('sha256', Buffer.concat([authData, clientDataHash]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
      },
      clientExtensionResults: {},
    };
  }

  private authDataHead(rpId: string, flags: number, counter: number): Buffer {
    const head = Buffer.alloc(37);
    createHash('sha256').update(rpId).digest().copy(head, 0);
    head.writeUInt8(flags, 32);
    head.writeUInt32BE(counter, 33);
    return head;
  }

  /** The public key as a COSE_Key: kty EC2, alg ES256, crv P-256, x, y. */
  private coseKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: 'jwk' });
    const x = new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
    const y = new Uint8Array(Buffer.from(jwk.y ?? '', 'base64url'));
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, x],
        [-3, y],
      ]),
    );
  }
}

function clientData(type: string, challenge: string, origin: string): string {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false })).toString('base64url');
}
