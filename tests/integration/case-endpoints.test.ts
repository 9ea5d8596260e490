/**
 * The CASE 1.1 endpoints (issue 23), called as Next calls them: every module listed, each package fetched from
 * them imports back identically, items and associations found by sourcedId, and bad sourcedIds answered in
 * imsx_StatusInfo form. Public: no session is set up, none is needed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as listDocs } from '@/app/ims/case/v1p1/CFDocuments/route';
import { GET as getDoc } from '@/app/ims/case/v1p1/CFDocuments/[sourcedId]/route';
import { GET as getPackage } from '@/app/ims/case/v1p1/CFPackages/[sourcedId]/route';
import { GET as getItem } from '@/app/ims/case/v1p1/CFItems/[sourcedId]/route';
import { GET as getAssociation } from '@/app/ims/case/v1p1/CFAssociations/[sourcedId]/route';
import { getContent } from '@/lib/content/load';
import { importFramework } from '@/lib/standards/import';
import { itemId, type CFPackage } from '@/lib/standards/case-write';
import { refuseMalformedCasePath } from '@/lib/standards/case-errors';

const BASE = 'http://portal.test/ims/case/v1p1';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'case-endpoints-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const req = (p: string) => new Request(`${BASE}${p}`);
const params = (sourcedId: string) => ({ params: Promise.resolve({ sourcedId }) });

async function json(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
}

describe('CASE 1.1 endpoints', () => {
  it('list every module, with X-Total-Count, limit and offset', async () => {
    const all = await json(listDocs(req('/CFDocuments')));
    expect(all.status).toBe(200);
    const docs = all.body.CFDocuments as { title: string; identifier: string; uri: string }[];
    expect(docs.map((d) => d.title).sort()).toEqual(
      getContent()
        .modules.map((m) => m.title)
        .sort(),
    );
    expect(all.headers.get('x-total-count')).toBe('5');
    expect(all.headers.get('access-control-allow-origin')).toBe('*');
    expect(docs[0]!.uri).toBe(`${BASE}/CFDocuments/${docs[0]!.identifier}`);
    const page = await json(listDocs(req('/CFDocuments?limit=2&offset=4')));
    expect((page.body.CFDocuments as unknown[]).length).toBe(1);
  });

  it('a package fetched from them imports back identically, for every module', async () => {
    const docs = (await json(listDocs(req('/CFDocuments')))).body.CFDocuments as { identifier: string }[];
    for (const d of docs) {
      const doc = await json(getDoc(req(`/CFDocuments/${d.identifier}`), params(d.identifier)));
      expect(doc.body.identifier).toBe(d.identifier);
      const pkg = await json(getPackage(req(`/CFPackages/${d.identifier}`), params(d.identifier)));
      expect(pkg.status).toBe(200);
      const file = path.join(tmp, `${d.identifier}.json`);
      fs.writeFileSync(file, JSON.stringify(pkg.body));
      const back = importFramework({ file, out: path.join(process.cwd(), 'content/modules') });
      const original = JSON.parse(
        fs.readFileSync(path.join(process.cwd(), 'content/modules', back.slug, 'module.json'), 'utf8'),
      );
      expect(back.data).toEqual(original);
    }
  });

  it('items and associations by sourcedId: isChildOf with sequenceNumber, crosswalks as exactMatchOf', async () => {
    const id = itemId('ee2/pc/1');
    const item = await json(getItem(req(`/CFItems/${id}`), params(id)));
    expect(item.status).toBe(200);
    expect(item.body.fullStatement).toBe(getContent().items.get('ee2/pc/1')!.text);
    const docs = (await json(listDocs(req('/CFDocuments')))).body.CFDocuments as {
      identifier: string;
      title: string;
    }[];
    const ee2 = docs.find((d) => d.title === 'Win and keep customers')!;
    const pkg = (await json(getPackage(req(''), params(ee2.identifier)))).body as unknown as CFPackage;
    const match = pkg.CFAssociations.find(
      (a) => a.associationType === 'exactMatchOf' && a.originNodeURI.identifier === id,
    )!;
    expect(match.destinationNodeURI.identifier).toBe(itemId('wrc/pc/1'));
    const got = await json(getAssociation(req(''), params(match.identifier)));
    expect(got.body).toEqual(match);
    const child = pkg.CFAssociations.find(
      (a) => a.associationType === 'isChildOf' && a.originNodeURI.identifier === id,
    )!;
    expect(child.sequenceNumber).toBe(1);
  });

  it.each([
    ['CFItems', getItem],
    ['CFDocuments', getDoc],
    ['CFPackages', getPackage],
    ['CFAssociations', getAssociation],
  ] as const)(
    '%s: a malformed sourcedId is a 400 and an unknown one a 404, in imsx_StatusInfo form',
    async (_name, handler) => {
      for (const [sourcedId, status, minor] of [
        ["1' or '1'='1", 400, 'invalid_uuid'],
        ['x'.repeat(5000), 400, 'invalid_uuid'],
        ['00000000-0000-4000-8000-000000000000', 404, 'unknownobject'],
      ] as const) {
        const r = await json(handler(req(''), params(sourcedId)));
        expect(r.status).toBe(status);
        expect(r.body).toMatchObject({
          imsx_codeMajor: 'failure',
          imsx_severity: 'error',
          imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldValue: minor }] },
        });
        expect((r.body.imsx_description as string).length).toBeLessThan(200);
      }
    },
  );

  it('a bad limit or offset is a 400 in imsx_StatusInfo form', async () => {
    for (const q of ['limit=0', 'limit=-1', 'offset=abc', 'limit=1e9']) {
      const r = await json(listDocs(req(`/CFDocuments?${q}`)));
      expect(r.status).toBe(400);
      expect(r.body.imsx_codeMajor).toBe('failure');
    }
  });
});

describe('a CASE address whose percent-encoding is not UTF-8', () => {
  it('is refused by the proxy with a 400 in imsx_StatusInfo form (Next would answer 500)', async () => {
    const r = await json(refuseMalformedCasePath('/ims/case/v1p1/CFItems/%FF%FE')!);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ imsx_codeMajor: 'failure', imsx_severity: 'error' });
    expect(refuseMalformedCasePath('/ims/case/v1p1/CFItems/00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(refuseMalformedCasePath('/modules/%FF')).toBeNull();
  });
});
