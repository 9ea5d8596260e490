/**
 * The CASE 1.1 provider: every module as a CFPackage, and lookups by sourcedId for the public read-only
 * endpoints under /ims/case/v1p1. Built from the content index alone (no database, no session): the same for
 * every caller, once per process and base URL.
 */
import { getContent } from '@/lib/content/load';
import { casePackage, type CFAssociation, type CFDocument, type CFItem, type CFPackage } from './case-write';
import { UUID_PATTERN } from './uuid';
import { caseError } from './case-errors';

export { caseError };

interface Provider {
  packages: Map<string, CFPackage>;
  items: Map<string, CFItem>;
  associations: Map<string, CFAssociation>;
}

const providers = new Map<string, Provider>();

function provider(baseUrl: string): Provider {
  let p = providers.get(baseUrl);
  if (p) return p;
  const index = getContent();
  p = { packages: new Map(), items: new Map(), associations: new Map() };
  for (const mod of index.modules) {
    const pkg = casePackage(index, mod, baseUrl);
    p.packages.set(pkg.CFDocument.identifier, pkg);
    for (const it of pkg.CFItems) p.items.set(it.identifier, it);
    for (const a of pkg.CFAssociations) p.associations.set(a.identifier, a);
  }
  // A handful of origins at most (the configured one, or the host a request came in on).
  if (providers.size > 8) providers.clear();
  providers.set(baseUrl, p);
  return p;
}

/** The portal's public URL when configured, so identifiers' uris do not depend on the Host header. */
export function caseBaseUrl(request: Request): string {
  return process.env.NEXTAUTH_URL ?? new URL(request.url).origin;
}

export function listDocuments(baseUrl: string): CFDocument[] {
  return [...provider(baseUrl).packages.values()].map((p) => p.CFDocument);
}

export type Lookup<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404; minor: 'invalid_uuid' | 'unknownobject'; description: string };

function find<T>(map: Map<string, T>, sourcedId: string, what: string): Lookup<T> {
  const id = sourcedId.toLowerCase();
  if (!UUID_PATTERN.test(id))
    return {
      ok: false,
      status: 400,
      minor: 'invalid_uuid',
      description: `The sourcedId must be a UUID; "${sourcedId.slice(0, 80)}" is not one.`,
    };
  const value = map.get(id);
  if (value === undefined)
    return { ok: false, status: 404, minor: 'unknownobject', description: `There is no ${what} with sourcedId ${id}.` };
  return { ok: true, value };
}

export const findPackage = (baseUrl: string, id: string) => find(provider(baseUrl).packages, id, 'CFPackage');
export const findItem = (baseUrl: string, id: string) => find(provider(baseUrl).items, id, 'CFItem');
export const findAssociation = (baseUrl: string, id: string) =>
  find(provider(baseUrl).associations, id, 'CFAssociation');
export function findDocument(baseUrl: string, id: string): Lookup<CFDocument> {
  const r = find(provider(baseUrl).packages, id, 'CFDocument');
  return r.ok ? { ok: true, value: r.value.CFDocument } : r;
}

const HEADERS = {
  'Cache-Control': 'public, max-age=300',
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
};

export function caseJson(body: unknown, extra: Record<string, string> = {}): Response {
  return Response.json(body, { headers: { ...HEADERS, ...extra } });
}

export function caseLookup<T>(result: Lookup<T>, wrap: (v: T) => unknown): Response {
  return result.ok ? caseJson(wrap(result.value)) : caseError(result.status, result.minor, result.description);
}
