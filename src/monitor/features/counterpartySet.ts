/**
 * A bounded "have I sent to this address before" set: the 16 most recently used distinct recipients,
 * as 16-bit fingerprints, most recent first, inside a shared Uint16Array at an offset (32 bytes per
 * account). A recipient the account keeps paying stays in; one not used for 16 other distinct
 * recipients falls out and would count as new again, which for an account with that many counterparties
 * is what "unfamiliar" should mean anyway. A stranger collides with a remembered fingerprint with
 * probability at most 16 / 65535.
 */
export const COUNTERPARTY_SLOTS = 16;

/** The fingerprint kept for an address hash; 0 marks an empty place, so it is never a fingerprint. */
export function counterpartyFingerprint(addressHash: number): number {
  const f = addressHash & 0xffff;
  return f === 0 ? 1 : f;
}

/**
 * Looks the fingerprint up and makes it the most recent entry, dropping the least recent one when the
 * set is full. Returns true when it was not there (a new counterparty).
 */
export function rememberCounterparty(set: Uint16Array, offset: number, fingerprint: number): boolean {
  const end = offset + COUNTERPARTY_SLOTS;
  let at = offset;
  while (at < end) {
    const v = set[at];
    if (v === fingerprint || v === 0) break;
    at++;
  }
  const isNew = at === end || set[at] === 0;
  if (at === end) at = end - 1;
  for (let j = at; j > offset; j--) set[j] = set[j - 1] as number;
  set[offset] = fingerprint;
  return isNew;
}
