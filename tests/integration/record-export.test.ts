import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportLearnerRecord } from '@/lib/record/export';
import { generatePrivateJwk, publishedKeys, signDetached } from '@/lib/record/keys';
import { MANIFEST_TYP } from '@/lib/record/record-schema';
import { verifyRecordZip } from '@/lib/record/verify-bundle';
import { useTestDatabase } from '../helpers/db';
import { FILE_BYTES, REPORT_V2, seedRecord, useRecordEnvironment, runRecordCli } from '../helpers/record';

/**
 * The signed learner record (issue 22): what the ZIP holds, who may have it, and that verify refuses it when any
 * byte of any part was changed, a file added or removed, or the key is not known. On PGlite and PostgreSQL.
 */
useTestDatabase();
const env = useRecordEnvironment();

let c: Awaited<ReturnType<typeof seedRecord>>;
let zip: Uint8Array;
beforeAll(async () => {
  c = await seedRecord();
  zip = (await exportLearnerRecord(c.learner, c.learner.id)).zip;
});

async function entries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const z = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const f of Object.values(z.files)) if (!f.dir) out.set(f.name, await f.async('uint8array'));
  return out;
}
async function rezip(files: Map<string, Uint8Array>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, bytes] of files) z.file(name, bytes);
  return z.generateAsync({ type: 'uint8array' });
}

describe('signed learner record: export', () => {
  it('holds record.json, record.html, the files, a manifest of them all and a detached signature', async () => {
    const files = await entries(zip);
    const names = [...files.keys()].sort();
    expect(names).toEqual([
      expect.stringMatching(/^files\/[0-9a-f-]{36}\/Customer-survey-final-\.pdf$/),
      'leap2a.xml',
      'manifest.json',
      'record.html',
      'record.json',
      'signature.jws',
    ]);
    expect(Buffer.from(files.get(names[0]!)!).equals(FILE_BYTES)).toBe(true);
    const record = JSON.parse(Buffer.from(files.get('record.json')!).toString('utf8'));
    expect(record.learner).toEqual({ id: c.learner.id, name: c.learner.name, email: c.learner.email });
    expect(record.modules.map((m: { slug: string }) => m.slug)).toEqual([
      'ee2-win-keep-customers',
      'u306-customers-retention',
    ]);
    expect(record.modules[0].criteria[0]).toMatchObject({ id: 'ee2/pc/1', textSha256: expect.any(String) });
    expect(record.evidence).toHaveLength(2);
    expect(record.evidence[0].file).toMatchObject({
      name: 'Customer survey (final).pdf',
      sizeBytes: FILE_BYTES.length,
    });
    expect(record.evidence[1].mappings).toEqual([expect.objectContaining({ criterionId: 'ee2/pc/2' })]);
    expect(record.judgements.map((j: { outcome: string }) => j.outcome)).toEqual(['not_yet_met', 'met', 'met']);
    expect(record.judgements[0].learnerReplies[0].note).toBe('I will add it.');
    expect(record.reportVersions[1]).toMatchObject({ number: 2, text: REPORT_V2, countedWords: 3002 });
    expect(record.reportVersions[1].decisions[0]).toMatchObject({ outcome: 'signed_off', countersignatures: [] });
    // The seeded rows were written without audit rows: the head sealed at export is the chain's (empty) start.
    expect(record.auditChain).toMatchObject({ seq: 0, hash: '0'.repeat(64), seal: expect.stringMatching(/\./) });
    const signature = Buffer.from(files.get('signature.jws')!).toString('utf8').trim();
    expect(signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const header = JSON.parse(Buffer.from(signature.split('.')[0]!, 'base64url').toString('utf8'));
    expect(header).toEqual({ alg: 'EdDSA', kid: (await publishedKeys()).keys[0]!.kid, typ: MANIFEST_TYP });
    const html = Buffer.from(files.get('record.html')!).toString('utf8');
    expect(html).toContain(c.learner.name);
    expect(html).not.toContain('<script');
    // Leap2A: an Atom feed whose evidence entries point at the files in the same ZIP.
    const leap = Buffer.from(files.get('leap2a.xml')!).toString('utf8');
    expect(leap).toContain('<leap2:version>http://www.leapspecs.org/2010-07/2A/</leap2:version>');
    expect(leap).toContain(`<email>${c.learner.email}</email>`);
    expect(leap.match(/<entry>/g)).toHaveLength(1 + 2 + 2 + 3 + 2); // person, evidence, modules, judgements, versions
    const enclosure = /<link rel="enclosure" href="([^"]+)" type="application\/pdf"/.exec(leap)![1]!;
    expect(files.has(enclosure)).toBe(true);
    expect(leap).toContain('<rdf:type rdf:resource="leap2:selection"/>');
  });

  it('is for the learner, their assessor and admins; not their coach, other learners or other assessors', async () => {
    for (const actor of [c.assessor, c.admin]) {
      await expect(exportLearnerRecord(actor, c.learner.id)).resolves.toMatchObject({
        fileName: expect.stringMatching(/^criterion-record-.+\.zip$/),
      });
    }
    for (const actor of [c.coach, c.otherLearner, c.otherAssessor, c.otherCoach]) {
      await expect(exportLearnerRecord(actor, c.learner.id)).rejects.toThrow();
    }
  });
});

describe('signed learner record: verify', () => {
  it('accepts the record as exported and says what it attests', async () => {
    const result = await verifyRecordZip(zip);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.attests.learner.email).toBe(c.learner.email);
    expect(result.attests.units.find((u) => u.slug === 'ee2-win-keep-customers')!.met).toHaveLength(2);
    expect(result.attests.signOffs).toEqual([expect.objectContaining({ version: 2, assessor: c.assessor.name })]);
  });

  it('fails when one byte of any part is changed, naming the part', async () => {
    const original = await entries(zip);
    expect(original.size).toBe(6);
    for (const name of original.keys()) {
      const bytes = original.get(name)!;
      // Three places in each part: the first byte, the middle and the last before a trailing newline.
      for (const at of [0, Math.floor(bytes.length / 2), bytes.length - 2]) {
        const changed = new Map(original);
        const copy = Uint8Array.from(bytes);
        copy[at] = copy[at]! ^ 0x01;
        changed.set(name, copy);
        const result = await verifyRecordZip(await rezip(changed));
        expect(result, `${name} byte ${at}`).toMatchObject({ ok: false });
        if (!result.ok) {
          const where = name === 'manifest.json' ? 'signature.jws' : name;
          expect(result.problem, `${name} byte ${at}`).toContain(where);
        }
      }
    }
  });

  it('fails when a file is added or removed, or the ZIP itself is damaged', async () => {
    const original = await entries(zip);
    const added = new Map(original).set('files/extra/note.txt', Buffer.from('not signed'));
    expect(await verifyRecordZip(await rezip(added))).toEqual({
      ok: false,
      problem: 'files/extra/note.txt is in the ZIP but not in the signed manifest (added)',
    });
    const fileName = [...original.keys()].find((n) => n.startsWith('files/'))!;
    const removed = new Map(original);
    removed.delete(fileName);
    expect(await verifyRecordZip(await rezip(removed))).toMatchObject({
      ok: false,
      problem: expect.stringContaining(`${fileName} is listed in the manifest but missing`),
    });
    const damaged = Uint8Array.from(zip);
    damaged[Math.floor(damaged.length / 3)] ^= 0xff;
    expect(await verifyRecordZip(damaged)).toMatchObject({ ok: false });
    expect(await verifyRecordZip(Buffer.from('not a zip'))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not a readable ZIP'),
    });
  });

  it('fails when the key is not known to the verifier', async () => {
    const stranger = await generatePrivateJwk();
    const { d: _d, ...publicOnly } = stranger;
    const result = await verifyRecordZip(zip, { keys: [{ ...publicOnly, alg: 'EdDSA' }] });
    expect(result).toMatchObject({
      ok: false,
      problem: expect.stringContaining('signed with a key that is not known'),
    });
  });

  it('checks each sign-off against its report text even under a genuine signature', async () => {
    // Whoever holds the key could sign anything: the record must still agree with itself.
    const files = await entries(zip);
    const record = JSON.parse(Buffer.from(files.get('record.json')!).toString('utf8'));
    record.reportVersions[1].text = 'Someone else’s report.\n';
    const crypto = await import('node:crypto');
    const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
    record.reportVersions[1].contentHash = sha(Buffer.from(record.reportVersions[1].text));
    const recordBytes = Buffer.from(JSON.stringify(record));
    files.set('record.json', recordBytes);
    const manifest = JSON.parse(Buffer.from(files.get('manifest.json')!).toString('utf8'));
    for (const f of manifest.files) {
      if (f.path === 'record.json') Object.assign(f, { sha256: sha(recordBytes), bytes: recordBytes.length });
    }
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    files.set('manifest.json', manifestBytes);
    files.set('signature.jws', Buffer.from(await signDetached(manifestBytes, MANIFEST_TYP)));
    expect(await verifyRecordZip(await rezip(files))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^report version 2: the sign-off by .+ is for different text/),
    });
  });

  it('from the command line: exit 0 with what it attests, exit 1 naming the problem', async () => {
    const dir = env.dir();
    const file = path.join(dir, 'record.zip');
    const keys = path.join(dir, 'keys.json');
    fs.writeFileSync(file, zip);
    fs.writeFileSync(keys, JSON.stringify(await publishedKeys()));
    const good = await runRecordCli(['verify', file, '--jwks', keys]);
    expect(good.code).toBe(0);
    expect(good.out).toContain(`Record verified`);
    expect(good.out).toMatch(/EE2 .*: 2 of \d+ criteria met/);
    expect(good.out).toContain(`version 2 signed off by ${c.assessor.name}`);
    const files = await entries(zip);
    const html = Uint8Array.from(files.get('record.html')!);
    html[10] ^= 0x01;
    fs.writeFileSync(file, await rezip(new Map(files).set('record.html', html)));
    const bad = await runRecordCli(['verify', file, '--jwks', keys]);
    expect(bad).toEqual({
      code: 1,
      out: 'Record NOT verified: record.html does not match its hash in the manifest: it was changed\n',
    });
  });
});
