import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function run(args: string[], input: string) {
  const r = spawnSync('npx', ['tsx', 'scripts/wordcount.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const report =
  '# Introduction\nThe learner assessed the risks - carefully.\n\n# References\nHSE (2023) Managing risks.\n';

describe('scripts/wordcount.ts', () => {
  it('prints the counted words as a bare integer', () => {
    const r = run([], report);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('8\n');
  });

  it('prints the breakdown with --json', () => {
    const r = run(['--json'], report);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ words: 8, total: 13, counted: 8 });
    expect(out.excluded).toEqual([{ heading: 'References', words: 5, reason: expect.any(String) }]);
    expect(out.sections).toHaveLength(2);
  });

  it('counts every word with --plain', () => {
    const r = run(['--plain'], report);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('15\n'); // the two "#" count too, as in Writer
  });

  it('exits 2 on an unknown flag', () => {
    const r = run(['--words'], 'a b');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--words'");
    expect(r.stdout).toBe('');
  });
});
