import crypto from 'node:crypto';
import type { JWK } from 'jose';
import { extractEntry, readCentralDirectory, ZipError, type ZipEntry } from '@/lib/files/zip';
import { SEAL_TYP } from './audit-seal';
import { MANIFEST_PATH, SIGNATURE_PATH } from './bundle';
import { kidOf, verifyDetached, verifyJson } from './keys';
import { MANIFEST_TYP, manifestSchema, recordSchema, type LearnerRecord, type Manifest } from './record-schema';

/**
 * Checks a signed learner record (lib/record/bundle.ts) with nothing but the ZIP and a key set: the signature over
 * manifest.json, that the ZIP holds exactly the files the manifest lists with exactly their hashes, that record.json
 * agrees with itself (criterion texts, file hashes, each sign-off's hash is its report text's), and that the audit
 * seal it carries is genuine. Stops at the first problem and names it.
 */

export interface Attestation {
  recordId: string;
  exportedAt: string;
  issuer: LearnerRecord['issuer'];
  kid: string;
  learner: LearnerRecord['learner'];
  units: { slug: string; code: string; title: string; criteria: number; met: string[] }[];
  signOffs: { moduleSlug: string; version: number; assessor: string; at: string; countersignedBy: string[] }[];
  evidence: number;
  files: number;
  autosaves: number;
  largePastes: number;
  auditHead: { seq: number; hash: string; sealedAt: string };
}

export type BundleCheck =
  | { ok: true; attests: Attestation; record: LearnerRecord; entries: Map<string, Uint8Array> }
  | { ok: false; problem: string };

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const fail = (problem: string): BundleCheck => ({ ok: false, problem });
const MAX_ENTRIES = 20_000;

/** Inflated bytes a record may come to in all: evidence files, not a disk image (checked before inflating). */
/** The manifest and the signature are small: a larger one is not inflated at all. */
const MAX_SIGNED_PART = 16 * 1024 * 1024;

export async function verifyRecordZip(zipBytes: Uint8Array, jwks?: { keys: JWK[] }): Promise<BundleCheck> {
  // The portal's bounded ZIP reader (lib/files/zip.ts), and an order that inflates nothing unsigned: the signature and
  // manifest first (small, capped), then only entries whose declared size is the one the signed manifest gives, each
  // inflation capped at that size. A zip bomb is refused without being inflated.
  const zipEntries = new Map<string, ZipEntry>();
  const read = (e: ZipEntry): Uint8Array | string => {
    try {
      return extractEntry(zipBytes, e);
    } catch (err) {
      if (!(err instanceof ZipError)) throw err;
      return `${e.name} cannot be read (${err.message}): it was changed`;
    }
  };
  try {
    for (const e of readCentralDirectory(zipBytes, { maxEntries: MAX_ENTRIES })) {
      if (e.name.endsWith('/')) continue;
      if (zipEntries.has(e.name)) return fail(`${e.name} appears twice in the ZIP`);
      zipEntries.set(e.name, e);
    }
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    return fail(`not a readable ZIP (${e.message}): the file was damaged or changed`);
  }

  const signed: Record<string, Uint8Array> = {};
  for (const name of [MANIFEST_PATH, SIGNATURE_PATH]) {
    const e = zipEntries.get(name);
    if (!e) return fail(`${name} is missing`);
    if (e.uncompressedSize > MAX_SIGNED_PART) return fail(`${name} is too large to be a record's`);
    const bytes = read(e);
    if (typeof bytes === 'string') return fail(bytes);
    signed[name] = bytes;
  }
  const manifestBytes = signed[MANIFEST_PATH]!;
  const signature = Buffer.from(signed[SIGNATURE_PATH]!).toString('utf8');

  const sig = await verifyDetached(signature, manifestBytes, jwks);
  if (!sig.ok) {
    return fail(
      sig.problem === 'signed with a key that is not known'
        ? `${SIGNATURE_PATH}: signed with a key that is not known (kid ${kidOf(signature) ?? 'missing'}): fetch the issuing centre's keys (--jwks) or ask it whether the key is genuine`
        : `${SIGNATURE_PATH}: ${sig.problem} (${MANIFEST_PATH} or the signature was changed)`,
    );
  }
  if (sig.typ !== MANIFEST_TYP) return fail(`${SIGNATURE_PATH}: not a record signature (typ ${sig.typ ?? 'missing'})`);

  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(Buffer.from(manifestBytes).toString('utf8')));
    if (!parsed.success) return fail(`${MANIFEST_PATH} is not a record manifest: ${parsed.error.issues[0]?.message}`);
    manifest = parsed.data;
  } catch {
    return fail(`${MANIFEST_PATH} is not JSON`);
  }

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const f of manifest.files) {
    if (!zipEntries.has(f.path)) return fail(`${f.path} is listed in the manifest but missing from the ZIP (removed)`);
  }
  for (const name of zipEntries.keys()) {
    if (name !== MANIFEST_PATH && name !== SIGNATURE_PATH && !listed.has(name)) {
      return fail(`${name} is in the ZIP but not in the signed manifest (added)`);
    }
  }
  const entries = new Map<string, Uint8Array>([[MANIFEST_PATH, manifestBytes]]);
  for (const f of manifest.files) {
    const e = zipEntries.get(f.path)!;
    const changed = `${f.path} does not match its hash in the manifest: it was changed`;
    if (e.uncompressedSize !== f.bytes) return fail(changed);
    const bytes = read(e);
    if (typeof bytes === 'string') return fail(bytes);
    if (bytes.byteLength !== f.bytes || sha(bytes) !== f.sha256) return fail(changed);
    entries.set(f.path, bytes);
  }

  const recordBytes = entries.get('record.json');
  if (!recordBytes || !listed.has('record.json')) return fail('record.json is missing');
  let record: LearnerRecord;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(Buffer.from(recordBytes).toString('utf8')));
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      return fail(`record.json is not a learner record: ${i.path.join('.')} ${i.message}`);
    }
    record = parsed.data;
  } catch {
    return fail('record.json is not JSON');
  }
  const inner = await checkRecord(record, manifest, listed, jwks);
  if (inner) return fail(inner);
  return { ok: true, attests: attestation(record, sig.kid, manifest), record, entries };
}

/** record.json against itself and the manifest; the first problem, or null. */
async function checkRecord(
  r: LearnerRecord,
  manifest: Manifest,
  listed: Map<string, Manifest['files'][number]>,
  jwks?: { keys: JWK[] },
): Promise<string | null> {
  if (r.recordId !== manifest.recordId) return 'record.json is not the record the manifest was signed for';
  for (const m of r.modules) {
    for (const c of m.criteria) {
      if (sha(Buffer.from(c.text, 'utf8')) !== c.textSha256)
        return `criterion ${c.id}: its text does not match its hash`;
    }
  }
  for (const e of r.evidence) {
    if (!e.file) continue;
    const f = listed.get(e.file.path);
    if (!f) return `evidence "${e.title}": its file ${e.file.path} is not in the record`;
    if (f.sha256 !== e.file.sha256) return `evidence "${e.title}": its file's hash differs from the file in the record`;
  }
  for (const v of r.reportVersions) {
    const textHash = sha(Buffer.from(v.text, 'utf8'));
    if (textHash !== v.contentHash) return `report version ${v.number}: its text does not match its hash`;
    for (const d of v.decisions) {
      if (d.contentHash !== textHash) {
        return `report version ${v.number}: the ${d.outcome === 'signed_off' ? 'sign-off' : 'referral'} by ${d.assessor.name} is for different text (hash ${d.contentHash})`;
      }
      for (const c of d.countersignatures) {
        if (c.contentHash !== textHash)
          return `report version ${v.number}: the countersignature by ${c.iqa.name} is for different text`;
      }
    }
  }
  const seal = await verifyJson(r.auditChain.seal, jwks);
  if (!seal.ok) return `the audit seal: ${seal.problem}`;
  if (seal.typ !== SEAL_TYP) return 'the audit seal is not an audit seal';
  const p = seal.payload as { seq?: number; hash?: string };
  if (p.seq !== r.auditChain.seq || p.hash !== r.auditChain.hash) return 'the audit chain head differs from its seal';
  return null;
}

function attestation(r: LearnerRecord, kid: string, manifest: Manifest): Attestation {
  const latest = new Map<string, string>();
  for (const j of r.judgements) latest.set(j.criterionId, j.outcome);
  return {
    recordId: r.recordId,
    exportedAt: r.exportedAt,
    issuer: r.issuer,
    kid,
    learner: r.learner,
    units: r.modules.map((m) => ({
      slug: m.slug,
      code: m.code,
      title: m.title,
      criteria: m.criteria.length,
      met: m.criteria.filter((c) => latest.get(c.id) === 'met').map((c) => c.label),
    })),
    signOffs: r.reportVersions.flatMap((v) =>
      v.decisions
        .filter((d) => d.outcome === 'signed_off')
        .map((d) => ({
          moduleSlug: v.moduleSlug,
          version: v.number,
          assessor: d.assessor.name,
          at: d.decidedAt,
          countersignedBy: d.countersignatures.map((c) => c.iqa.name),
        })),
    ),
    evidence: r.evidence.length,
    autosaves: r.authorship.length,
    largePastes: r.authorship.filter((a) => a.largePaste).length,
    files: manifest.files.filter((f) => f.path.startsWith('files/')).length,
    auditHead: { seq: r.auditChain.seq, hash: r.auditChain.hash, sealedAt: r.auditChain.sealedAt },
  };
}

/** The attestation in words, for the command line and the import page. */
export function describeAttestation(a: Attestation): string[] {
  return [
    `Record ${a.recordId} of ${a.learner.name} <${a.learner.email}>, exported ${a.exportedAt} by ${a.issuer.url ?? a.issuer.name}, signed with key ${a.kid}.`,
    ...a.units
      .filter((u) => u.criteria > 0)
      .map((u) => `  ${u.code} ${u.title}: ${u.met.length} of ${u.criteria} criteria met`),
    ...a.signOffs.map(
      (s) =>
        `  Report (${s.moduleSlug}) version ${s.version} signed off by ${s.assessor} on ${s.at.slice(0, 10)}` +
        (s.countersignedBy.length ? `, countersigned by ${s.countersignedBy.join(', ')}` : ''),
    ),
    ...(a.autosaves ? [`  Report authorship: ${a.autosaves} autosave(s), ${a.largePastes} large paste(s).`] : []),
    `  ${a.evidence} piece(s) of evidence, ${a.files} file(s); audit log sealed at position ${a.auditHead.seq} (${a.auditHead.hash.slice(0, 16)}...) on ${a.auditHead.sealedAt}.`,
  ];
}
