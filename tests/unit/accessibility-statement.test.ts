import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AXE_JOURNEYS, KEYBOARD_JOURNEYS } from '@/lib/accessibility';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

// The statement at /accessibility says what the end-to-end suite does; these hold it to that.
describe('the accessibility statement claims only what the tests do', () => {
  it('names keyboard-only journeys that exist in the keyboard tests, by title', () => {
    const keyboard = read('tests/e2e/keyboard.spec.ts').replace(/\s+/g, ' ');
    for (const title of KEYBOARD_JOURNEYS) expect(keyboard).toContain(`test('${title}'`);
  });

  it('names journeys that each run axe on the pages they visit', () => {
    for (const { file } of AXE_JOURNEYS) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
      expect(read(file), file).toMatch(/expectNoAxeViolations\(/);
    }
  });

  it('leaves out no journey that runs axe', () => {
    const named = new Set(AXE_JOURNEYS.map((j) => j.file));
    const running = fs
      .readdirSync(path.join(root, 'tests/e2e'))
      .filter((f) => f.endsWith('.spec.ts'))
      .map((f) => `tests/e2e/${f}`)
      .filter((f) => read(f).includes('expectNoAxeViolations('));
    expect(running.filter((f) => !named.has(f))).toEqual([]);
  });
});
