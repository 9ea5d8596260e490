import { z } from 'zod';

/**
 * The shape of record.json in a signed learner record (criterion-learner-record/1). One schema for writing (the
 * exporter's types are inferred from it) and for reading (verify and import parse with it), so a record this
 * Criterion writes is exactly what another Criterion reads.
 */

export const RECORD_FORMAT = 'criterion-learner-record';
export const RECORD_FORMAT_VERSION = 1;
export const MANIFEST_FORMAT = 'criterion-record-manifest';
/** The `typ` of the detached JWS over manifest.json, so a seal or badge cannot pass for a record's signature. */
export const MANIFEST_TYP = 'criterion-record-manifest+jws';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');
const person = z.object({ name: z.string(), email: z.string().nullable() });

const criterion = z.object({
  id: z.string().min(1),
  label: z.string(),
  group: z.string().nullable(),
  text: z.string(),
  textSha256: hex64,
});

const recordModule = z.object({
  slug: z.string().min(1),
  code: z.string(),
  title: z.string(),
  kind: z.string(),
  enrolledAt: z.string(),
  criteria: z.array(criterion),
});

const recordFile = z.object({
  /** Where the bytes are inside the ZIP (files/<id>/<name>). */
  path: z.string().regex(/^files\/[^/]+\/[^/]+$/),
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: hex64,
});

const recordEvidence = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  occurredOn: z.string(),
  description: z.string(),
  text: z.string().nullable(),
  url: z.string().nullable(),
  witness: z.object({ name: z.string(), role: z.string(), contact: z.string() }).nullable(),
  recordedBy: person,
  recordedAt: z.string(),
  version: z.number().int(),
  file: recordFile.nullable(),
  mappings: z.array(
    z.object({ criterionId: z.string().min(1), moduleSlug: z.string(), note: z.string(), mappedAt: z.string() }),
  ),
});

const recordJudgement = z.object({
  id: z.uuid(),
  criterionId: z.string().min(1),
  moduleSlug: z.string(),
  outcome: z.enum(['met', 'not_yet_met']),
  feedback: z.string(),
  assessor: person,
  at: z.string(),
  citedEvidence: z.array(z.uuid()),
  learnerReplies: z.array(z.object({ note: z.string(), by: z.string(), at: z.string() })),
});

const recordDecision = z.object({
  id: z.uuid(),
  outcome: z.enum(['referred', 'signed_off']),
  assessor: person,
  decidedAt: z.string(),
  feedback: z.string(),
  declaration: z.string().nullable(),
  /** The hash the assessor signed: must be the version text's SHA-256. */
  contentHash: hex64,
  countedWords: z.number().int(),
  criteria: z.array(z.object({ acId: z.string(), outcome: z.enum(['met', 'not_yet_met']), feedback: z.string() })),
  countersignatures: z.array(z.object({ iqa: person, at: z.string(), contentHash: hex64, declaration: z.string() })),
});

const recordReportVersion = z.object({
  id: z.uuid(),
  moduleSlug: z.string(),
  number: z.number().int().positive(),
  submittedAt: z.string(),
  text: z.string(),
  contentHash: hex64,
  totalWords: z.number().int(),
  countedWords: z.number().int(),
  declaration: z.string(),
  decisions: z.array(recordDecision),
});

const recordQaDecision = z.object({
  id: z.uuid(),
  kind: z.enum(['judgement', 'sign_off']),
  subjectId: z.uuid(),
  moduleSlug: z.string(),
  criterionId: z.string().nullable(),
  verdict: z.enum(['agree', 'disagree']),
  feedback: z.string(),
  iqa: person,
  at: z.string(),
});

/** One autosave of a report draft: counts only (lib/reports/authorship.ts). */
const recordAuthorship = z.object({
  moduleSlug: z.string(),
  at: z.string(),
  source: z.enum(['editor', 'docx']),
  words: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  pastedWords: z.number().int().nonnegative(),
  largePaste: z.boolean(),
});

const auditHeadSchema = z.object({
  seq: z.number().int().nonnegative(),
  hash: hex64,
  sealedAt: z.string(),
  kid: z.string(),
  /** The seal as stored in the exporting database (a compact JWS, criterion-audit-seal+jws). */
  seal: z.string(),
});

export const recordSchema = z.object({
  format: z.literal(RECORD_FORMAT),
  formatVersion: z.literal(RECORD_FORMAT_VERSION),
  recordId: z.uuid(),
  exportedAt: z.string(),
  issuer: z.object({ name: z.string(), url: z.string().nullable(), kid: z.string() }),
  learner: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  modules: z.array(recordModule),
  evidence: z.array(recordEvidence),
  judgements: z.array(recordJudgement),
  reportVersions: z.array(recordReportVersion),
  qaDecisions: z.array(recordQaDecision),
  /** How each report draft grew, autosave by autosave. */
  authorship: z.array(recordAuthorship),
  auditChain: auditHeadSchema,
});

export type LearnerRecord = z.infer<typeof recordSchema>;
export type RecordEvidence = z.infer<typeof recordEvidence>;

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(1),
  recordId: z.uuid(),
  files: z.array(z.object({ path: z.string().min(1), sha256: hex64, bytes: z.number().int().nonnegative() })),
});
export type Manifest = z.infer<typeof manifestSchema>;
