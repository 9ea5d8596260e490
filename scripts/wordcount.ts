/**
 * Word count from the command line, with the same counter the app uses (lib/wordcount).
 *
 *   npm run -s wordcount < report.md            counted words (References, Bibliography and
 *                                               Appendix sections left out, headings counted)
 *   npm run -s wordcount -- --json < report.md  { words, total, counted, excluded, sections }
 *   npm run -s wordcount -- --plain < file.txt  every word, as LibreOffice Writer counts the text
 *                                               as is (no report rules, no Markdown stripping)
 */
import { countReport, countWords, DEFAULT_REPORT_RULES } from '../lib/wordcount';

const USAGE = `usage: tsx scripts/wordcount.ts [--json] [--plain] < text
  (no flag)  print the number of counted words (report rules: References, Bibliography and
             Appendix sections excluded, headings counted; Markdown markup adds no words)
  --json     print { words, total, counted, excluded, sections } as JSON
  --plain    count every word of the text as is, exactly as LibreOffice Writer does
  --help     show this help`;

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function main(argv: string[]): Promise<number> {
  let json = false;
  let plain = false;
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg === '--plain') plain = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE + '\n');
      return 0;
    } else {
      process.stderr.write(`wordcount: unknown option '${arg}'\n${USAGE}\n`);
      return 2;
    }
  }
  const text = await readStdin();
  if (plain) {
    const words = countWords(text);
    if (json) {
      process.stdout.write(JSON.stringify({ words, total: words, counted: words, excluded: [], sections: [] }) + '\n');
    } else {
      process.stdout.write(`${words}\n`);
    }
    return 0;
  }
  const report = countReport(text, DEFAULT_REPORT_RULES);
  if (json) {
    process.stdout.write(JSON.stringify({ words: report.counted, ...report }, null, 2) + '\n');
  } else {
    process.stdout.write(`${report.counted}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`wordcount: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
