import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { staleBuildReason, writeFingerprint } from '../../scripts/build-fingerprint.mjs';

// `npm start` serves the existing build only while the tree still matches what it was built from.
describe('build fingerprint', () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-fp-'));
    write('app/page.tsx', 'export default function Page() { return null; }');
    write('content/modules/ee2/index.mdx', '# Win and keep customers');
    write('package-lock.json', '{"lockfileVersion": 3}');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const built = () => {
    write('.next/BUILD_ID', 'abc');
    writeFingerprint(undefined, root);
  };

  it('asks for a build when there is none', () => {
    expect(staleBuildReason(undefined, root)).toBe('No production build yet');
  });

  it('serves a build made from the same tree', () => {
    built();
    expect(staleBuildReason(undefined, root)).toBeNull();
  });

  it('rebuilds after a source, content or lockfile change, or a renamed file', () => {
    for (const change of [
      () => write('app/page.tsx', 'export default function Page() { return "new"; }'),
      () => write('content/modules/ee2/index.mdx', '# Win and keep customers, revised'),
      () => write('package-lock.json', '{"lockfileVersion": 3, "packages": {}}'),
      () => fs.renameSync(path.join(root, 'app/page.tsx'), path.join(root, 'app/home.tsx')),
    ]) {
      built();
      change();
      expect(staleBuildReason(undefined, root)).toMatch(/changed since the last build/);
    }
  });

  it('rebuilds a build that does not say what it was built from (made before fingerprints)', () => {
    write('.next/BUILD_ID', 'abc');
    expect(staleBuildReason(undefined, root)).toMatch(/does not say what it was built from/);
  });

  it('keeps a separate fingerprint per build folder (NEXT_DIST_DIR)', () => {
    write('.next-bench/BUILD_ID', 'abc');
    writeFingerprint('.next-bench', root);
    expect(staleBuildReason('.next-bench', root)).toBeNull();
    expect(staleBuildReason(undefined, root)).toBe('No production build yet');
  });
});
