/**
 * Name-based UUIDs (RFC 9562 version 5, SHA-1): the same Criterion id gives the same CASE identifier on every
 * server and every build, so a registry that harvested a package can follow it across versions.
 */
import crypto from 'node:crypto';

/** Criterion's namespace: uuid v5 of "https://criterion.example/case" under the RFC's URL namespace. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = crypto.createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const CRITERION_NAMESPACE = uuidV5('https://criterion.example/case', URL_NAMESPACE);

/** The CASE identifier of a Criterion thing: `module:<slug>`, `item:<id>`, `group:<id>`, `assoc:<...>`. */
export function caseId(name: string): string {
  return uuidV5(name, CRITERION_NAMESPACE);
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
