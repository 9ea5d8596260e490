/**
 * Property tests: the loader accepts any wording for new items with fresh ids, and rejects any repeated id
 * wherever it is repeated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, ContentError, readContentSources, type ContentSources } from '@/lib/content';

type RawItem = { id: string; text: string };
type RawModule = { groups: { id: string; kind: string; items: RawItem[] }[] };

const base = readContentSources();
const raw = (s: ContentSources, slug: string) => s.modules.find((m) => m.slug === slug)!.data as RawModule;
const allIds = [...buildIndex(structuredClone(base)).items.keys()];

/** Any non-empty text without surrounding white space (the one rule item wording has). */
const wording = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 200 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

describe('content loader properties', () => {
  it('keeps loading when items with fresh ids and arbitrary wording are added', () => {
    fc.assert(
      fc.property(fc.array(wording, { minLength: 1, maxLength: 8 }), fc.array(wording, { maxLength: 8 }), (pcs, ks) => {
        const s = structuredClone(base);
        const wrc = raw(s, 'win-retain-customers');
        wrc.groups[0].items.push(...pcs.map((text, i) => ({ id: `wrc/pc/${19 + i}`, text })));
        wrc.groups[3].items.push(...ks.map((text, i) => ({ id: `wrc/k/experience/${19 + i}`, text })));
        const index = buildIndex(s);
        expect(index.items.size).toBe(allIds.length + pcs.length + ks.length);
        expect(index.items.get(`wrc/pc/${18 + pcs.length}`)?.text).toBe(pcs[pcs.length - 1]);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects any id used twice, naming it', () => {
    const slugs = base.modules.filter((m) => raw(base, m.slug).groups.length > 0).map((m) => m.slug);
    fc.assert(
      fc.property(fc.constantFrom(...allIds), fc.constantFrom(...slugs), fc.nat(), wording, (id, slug, at, text) => {
        const s = structuredClone(base);
        const groups = raw(s, slug).groups;
        const group = groups[at % groups.length];
        // Items of a learning-outcome group are criteria; any position will do for a duplicate.
        group.items.splice(at % (group.items.length + 1), 0, { id, text });
        let error: unknown;
        try {
          buildIndex(s);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ContentError);
        expect((error as ContentError).message).toContain(`duplicate id "${id}"`);
      }),
      { numRuns: 100 },
    );
  });
});
