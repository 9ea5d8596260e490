import { gunzipSync, gzipSync } from 'node:zlib';
import { isoSeconds, VC_CONTEXT } from './credential';

/**
 * W3C Bitstring Status List v1.0, revocation only: bit i of the list (the most significant bit of byte 0 is bit 0)
 * is 1 when the badge whose credentialStatus.statusListIndex is i has been revoked. The list is GZIP-compressed and
 * multibase-encoded (base64url, prefix "u"), at least 16 KiB (131,072 entries) so one badge cannot be told from its
 * neighbours by the list's size; it grows in whole bytes when more badges are issued.
 */

const MIN_BITS = 131_072;

export function encodeStatusList(revoked: Iterable<number>, highestIndex = 0): string {
  const indexes = [...revoked];
  const bits = Math.max(MIN_BITS, Math.ceil((Math.max(highestIndex, ...indexes, 0) + 1) / 8) * 8);
  const bytes = new Uint8Array(bits / 8);
  for (const i of indexes) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** Whether bit `index` is set in an encodedList; throws on a list that is not multibase base64url GZIP. */
export function statusBit(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith('u')) throw new Error('the status list is not multibase base64url (prefix "u")');
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if (index < 0 || index >= bytes.length * 8) throw new Error(`index ${index} is outside the status list`);
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** The status list credential (BitstringStatusListCredential) as a VC-JWT payload, before signing. */
export function statusListCredential(url: string, issuer: { id: string; name: string }, encodedList: string, at: Date) {
  const validFrom = isoSeconds(at);
  return {
    '@context': [VC_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: { id: issuer.id, name: issuer.name },
    validFrom,
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
    iss: issuer.id,
    jti: url,
    nbf: Math.floor(Date.parse(validFrom) / 1000),
  };
}
