/**
 * Competency frameworks in and out (issue 23):
 *
 *   npm run -s standards -- import <file> [--slug s] [--prefix p] [--out content/modules] [--format case|matrix|moodle] [--dry-run --json]
 *   npm run -s standards -- accept <slug> [--out content/modules]     (accepted crosswalk proposals join crosswalks.json)
 *   npm run -s standards -- export <slug|--all> --format case|matrix --out <dir> [--base-url https://portal.example]
 *
 * Exit codes: 0 done, 1 refused (the message names the file, the item and the problem), 2 bad arguments.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImportRefusal } from '../lib/standards/framework';
import { acceptProposals, importFramework, writeImported } from '../lib/standards/import';
import { exportModules } from '../lib/standards/export';
import type { DryRunSummary } from '../lib/standards/to-module';
import { loadContent } from '../lib/content/load';

function usage(message: string): never {
  console.error(`${message}\nusage: standards import <file> [--slug s] [--prefix p] [--out dir] [--format case|matrix|moodle] [--dry-run] [--json]
       standards accept <slug> [--out dir]
       standards export <slug|--all> --format case|matrix --out <dir> [--base-url url]`);
  process.exit(2);
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      prefix: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      all: { type: 'boolean' },
      'base-url': { type: 'string' },
    },
  });
  const [command, target] = positionals;
  const out = values.out ?? path.join('content', 'modules');
  if (command === 'import') {
    if (!target) usage('import: name the file to import');
    const imported = importFramework({
      file: target,
      out,
      ...(values.slug && { slug: values.slug }),
      ...(values.prefix && { prefix: values.prefix }),
      ...(values.format && { format: values.format }),
    });
    if (values.json) console.log(JSON.stringify(imported.summary));
    if (values['dry-run']) {
      if (!values.json) printSummary(imported.summary, undefined);
      return;
    }
    const dir = writeImported(out, imported);
    if (!values.json) printSummary(imported.summary, dir);
    return;
  }
  if (command === 'accept') {
    if (!target) usage('accept: name the module whose proposals to accept');
    const added = acceptProposals(out, target, path.join(path.dirname(path.resolve(out)), 'crosswalks.json'));
    console.log(`${added} crosswalk pair(s) added to crosswalks.json`);
    return;
  }
  if (command === 'export') {
    const format = values.format ?? 'case';
    if (format !== 'case' && format !== 'matrix') usage(`export: unknown format "${format}": use case or matrix`);
    if (!values.out) usage('export: --out <dir> is required');
    if (!target && !values.all) usage('export: name a module slug or --all');
    const index = loadContent();
    const files = exportModules(
      index,
      values.all ? undefined : target,
      values.out,
      values['base-url'] ?? process.env.NEXTAUTH_URL ?? 'http://localhost:3000',
      format,
    );
    for (const f of files) console.log(`wrote ${f}`);
    return;
  }
  usage(command ? `unknown command "${command}"` : 'name a command');
}

function printSummary(s: DryRunSummary, dir: string | undefined) {
  console.log(
    `${dir ? `wrote ${dir}` : 'dry run (nothing written)'}: ${s.title} (${s.format}), ${s.items} items under ${s.groups} headings, depth ${s.maxDepth}`,
  );
  console.log(`${s.crosswalks} crosswalk proposal(s), ${s.externalReferences} external reference(s)`);
  for (const w of s.warnings) console.log(`warning: ${w}`);
}

try {
  main();
} catch (e) {
  if (e instanceof ImportRefusal) {
    console.error(`Refused:\n${e.message}`);
    process.exit(1);
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
