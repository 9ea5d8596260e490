import { describe, expect, it } from 'vitest';
import { normalise, searchItems } from '@/lib/content/search';

/** Finding module items by their words or their reference (issue 24, item 5), on the real content. */
describe('searching the modules', () => {
  const ids = (q: string) => searchItems(q).groups.flatMap((g) => g.hits.map((h) => h.item.id));

  it('finds an item by its reference, with or without the module code, however it is typed', () => {
    expect(ids('AC 2.4')).toContain('u306/ac/2.4');
    expect(searchItems('AC 2.4').groups[0]!.hits[0]).toMatchObject({ by: 'reference' });
    expect(ids('ac2.4')[0]).toBe('u306/ac/2.4');
    expect(ids('306/696 AC 1.1')[0]).toBe('u306/ac/1.1');
    // "PC 3" is in three standards; with the code, only EE2's.
    expect(
      ids('PC 3')
        .filter((id) => /\/pc\/3$/.test(id))
        .sort(),
    ).toEqual(['dcr/pc/3', 'ee2/pc/3', 'wrc/pc/3']);
    expect(ids('EE2 PC 3')).toEqual(['ee2/pc/3']);
  });

  it('finds items by every word, as the start of a word, ignoring case, accents and apostrophes; grouped by module', () => {
    const r = searchItems('Loyalty');
    expect(r.total).toBeGreaterThan(3);
    expect(r.groups.map((g) => g.module.code)).toEqual(expect.arrayContaining(['EE2', '306/696', 'WRC']));
    for (const g of r.groups) for (const h of g.hits) expect(h.item.text.toLowerCase()).toContain('loyal');
    expect(ids('customer complaints')).toEqual(['u306/ac/3.3/range/complaints-data']);
    expect(normalise('Customer’s  CAFÉ, (loyalty).')).toBe('customers cafe loyalty');
    // Every word must be there: adding one that is not leaves nothing.
    expect(searchItems('loyalty zebra').total).toBe(0);
  });

  it('answers an empty or absurd query with nothing, and a long one cut to its limit', () => {
    expect(searchItems('   ')).toMatchObject({ total: 0, groups: [] });
    expect(searchItems('%%%').total).toBe(0);
    expect(searchItems('x'.repeat(5000)).query).toHaveLength(200);
  });
});
