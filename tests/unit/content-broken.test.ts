import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, ContentError, loadContent, readContentSources, type ContentSources } from '@/lib/content';

const BROKEN = 'tests/fixtures/content-broken';

/** The ContentError thrown by `fn`, so tests can check its lines. */
function contentError(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ContentError) return e;
    throw e;
  }
  throw new Error('expected a ContentError, but content loaded');
}

const load = (name: string) => () => loadContent(path.join(process.cwd(), BROKEN, name));

describe('broken content fixtures', () => {
  it('rejects a duplicate id, naming the file and the id', () => {
    expect(contentError(load('duplicate-id')).problems).toEqual([
      `${BROKEN}/duplicate-id/modules/dup/module.json: duplicate id "dup/pc/2"`,
    ]);
  });

  it('rejects a crosswalk to an unknown id', () => {
    expect(contentError(load('unknown-crosswalk')).problems).toEqual([
      `${BROKEN}/unknown-crosswalk/crosswalks.json: pair 2 ("one/pc/1" - "two/pc/7"): unknown id "two/pc/7"`,
    ]);
  });

  it('rejects missing fields in module.json and frontmatter, reporting both', () => {
    expect(contentError(load('missing-field')).problems.sort()).toEqual([
      `${BROKEN}/missing-field/modules/miss/index.mdx: missing field "summary"`,
      `${BROKEN}/missing-field/modules/miss/module.json: item "miss/pc/2": missing field "text"`,
    ]);
  });

  it('rejects an id not prefixed by its module’s prefix', () => {
    expect(contentError(load('bad-prefix')).problems).toEqual([
      `${BROKEN}/bad-prefix/modules/bad/module.json: id "other/pc/2" is not prefixed by the module's prefix "bad"`,
    ]);
  });

  it('says which folder is missing', () => {
    expect(contentError(load('no-such-case')).message).toBe(`${BROKEN}/no-such-case/modules: folder is missing`);
  });
});

/** Variations of the real content, built in memory. */
describe('other content mistakes', () => {
  const WRC = 'content/modules/win-retain-customers/module.json';
  const WS = 'content/modules/ws-2-8-keeping-customers/index.mdx';

  function broken(change: (s: ContentSources) => void): string[] {
    const sources = structuredClone(readContentSources());
    change(sources);
    return contentError(() => buildIndex(sources)).problems;
  }
  const wrc = (s: ContentSources) => s.modules.find((m) => m.slug === 'win-retain-customers')!;
  const wrcPcs = (s: ContentSources) =>
    (wrc(s).data as { groups: { items: { id: string; text: string; txt?: string }[] }[] }).groups[0].items;

  it('rejects a gap in the numbering (a dropped item)', () => {
    // (The crosswalk pair for wrc/pc/5 is reported too.)
    expect(broken((s) => wrcPcs(s).splice(4, 1))).toContain(
      `${WRC}: item "wrc/pc/6" is out of sequence (after number 4): missing or misnumbered item`,
    );
  });

  it('rejects a misspelt field rather than dropping it', () => {
    const problems = broken((s) => {
      const item = wrcPcs(s)[0];
      item.txt = item.text;
      delete (item as Partial<typeof item>).text;
    });
    expect(problems).toContain(`${WRC}: item "wrc/pc/1": missing field "text"`);
    expect(problems).toContain(`${WRC}: item "wrc/pc/1": unknown field(s) "txt"`);
  });

  it('rejects a worksheet section that is not placed, and unknown or imported components', () => {
    const problems = broken((s) => {
      const ws = s.modules.find((m) => m.slug === 'ws-2-8-keeping-customers')!;
      ws.mdxSource =
        ws.mdxSource.replace('<WorksheetSection id="tips" />', '<Checklist id="tips" />') + '\nimport X from "./x"\n';
    });
    expect(problems.sort()).toEqual([
      `${WS}: MDX must not import or export; components are passed in through \`components\` at render time`,
      `${WS}: unknown component <Checklist>`,
      `${WS}: worksheet section "tips" is placed 0 times; place it exactly once`,
    ]);
  });

  it('rejects worksheet evidence that names an unknown or unassessable item', () => {
    const problems = broken((s) => {
      const ws = s.modules.find((m) => m.slug === 'ws-2-8-keeping-customers')!;
      (ws.data as { worksheet: { evidences: string[] } }).worksheet.evidences.push('wrc/pc/99', 'u306/lo/1');
    });
    expect(problems).toEqual([
      'content/modules/ws-2-8-keeping-customers/module.json: worksheet evidence refers to unknown id "wrc/pc/99"',
      'content/modules/ws-2-8-keeping-customers/module.json: worksheet evidence "u306/lo/1" is not assessable (pc, k or ac)',
    ]);
  });

  it('rejects a frontmatter slug that does not match its folder', () => {
    expect(
      broken((s) => {
        wrc(s).mdxSource = wrc(s).mdxSource.replace('slug: win-retain-customers', 'slug: wrc');
      }),
    ).toEqual([
      `content/modules/win-retain-customers/index.mdx: slug "wrc" does not match its folder "win-retain-customers"`,
    ]);
  });
});
