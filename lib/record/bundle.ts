import JSZip from 'jszip';
import type { Db } from '@/db/client';
import { getFileStore } from '@/lib/files/store';
import { publishedKeys, signDetached } from './keys';
import { gatherRecord } from './record-data';
import { leap2aXml } from './leap2a';
import { recordHtml } from './record-html';
import { MANIFEST_FORMAT, MANIFEST_TYP, type LearnerRecord, type Manifest } from './record-schema';
import crypto from 'node:crypto';

/**
 * The signed learner record as a ZIP:
 *   record.json     the record (lib/record/record-schema.ts)
 *   record.html     the same for a person to read
 *   leap2a.xml      the same as Leap2A (Atom), for Mahara and PebblePad
 *   files/<id>/<n>  each evidence file's bytes
 *   manifest.json   every other entry's path, SHA-256 and size
 *   signature.jws   a detached JWS (Ed25519) over manifest.json exactly as stored
 * A verifier needs nothing but the ZIP and the issuer's public keys (lib/record/verify-bundle.ts).
 */

export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'signature.jws';

// A fixed date for every entry: the ZIP's bytes then depend on its contents only, not on the clock.
const ENTRY_DATE = new Date('2000-01-01T00:00:00Z');

const bytesSha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

class RecordFileMissing extends Error {}

export async function buildRecordZip(db: Db, learnerId: string): Promise<{ zip: Uint8Array; record: LearnerRecord }> {
  const kid = (await publishedKeys()).keys[0]!.kid;
  const { record, files } = await gatherRecord(db, learnerId, kid);
  const entries: { path: string; bytes: Uint8Array }[] = [
    { path: 'record.json', bytes: Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8') },
    { path: 'record.html', bytes: Buffer.from(recordHtml(record), 'utf8') },
    // The same record for Mahara and PebblePad: Leap2A at the root, its enclosures the files/ below.
    { path: 'leap2a.xml', bytes: Buffer.from(leap2aXml(record), 'utf8') },
  ];
  const store = getFileStore();
  for (const f of files) {
    const bytes = await store.get(f.storageKey);
    // An export that silently leaves a file out would be signed as complete: refuse instead.
    if (!bytes) throw new RecordFileMissing(`the stored bytes of ${f.path} are missing`);
    if (bytesSha(bytes) !== f.sha256)
      throw new RecordFileMissing(`the stored bytes of ${f.path} do not match their hash`);
    entries.push({ path: f.path, bytes });
  }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    formatVersion: 1,
    recordId: record.recordId,
    files: entries.map((e) => ({ path: e.path, sha256: bytesSha(e.bytes), bytes: e.bytes.byteLength })),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = await signDetached(manifestBytes, MANIFEST_TYP);

  const zip = new JSZip();
  for (const e of [
    ...entries,
    { path: MANIFEST_PATH, bytes: manifestBytes },
    { path: SIGNATURE_PATH, bytes: Buffer.from(`${signature}\n`, 'utf8') },
  ]) {
    zip.file(e.path, e.bytes, { date: ENTRY_DATE, binary: true });
  }
  const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', platform: 'UNIX' });
  return { zip: out, record };
}

/** "criterion-record-amira-khan-2026-12-07.zip": ASCII only. */
export function recordFileName(record: Pick<LearnerRecord, 'learner' | 'exportedAt'>): string {
  const name = record.learner.name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `criterion-record-${name || 'learner'}-${record.exportedAt.slice(0, 10)}.zip`;
}
