/**
 * Server submit path of a portfolio report: what the server does with the saved draft before storing a
 * version, i.e. recount with the shared counter, check the range, hash the text (SHA-256) and snapshot the
 * section links. Measured for a 5,000-counted-word report (the largest the unit accepts), and for a
 * 20,000-word paste the autosave still accepts. A plain script that prints figures; it never fails.
 *
 *   npx tsx tests/bench/report.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { rangeProblem } from '../../lib/reports/format';
import { measureReport } from '../../lib/reports/measure';
import { presentTags, suggestTags, taggableSections } from '../../lib/reports/sections';
import { prose, reportWithCountedWords, UNIT_RULES } from '../fixtures/reports/make';

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

/** The pure part of submitReport (lib/reports/submit.ts), in the same order. */
function submitPath(content: string, tags: Record<string, string[]>) {
  const { count, hash } = measureReport(content, UNIT_RULES);
  const problem = rangeProblem(count.counted, UNIT_RULES, '306/696');
  const snapshot = presentTags(taggableSections(count), tags);
  return { counted: count.counted, hash, problem, snapshot };
}

function bench(label: string, content: string, runs: number) {
  const criteria = Array.from({ length: 14 }, (_, i) => ({
    id: `u306/ac/${Math.floor(i / 5) + 1}.${(i % 5) + 1}`,
    number: `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`,
  }));
  const tags = suggestTags(taggableSections(measureReport(content, UNIT_RULES).count), criteria, {});
  for (let i = 0; i < 30; i++) submitPath(content, tags);
  const samples: number[] = [];
  const cpu0 = process.cpuUsage();
  let last: ReturnType<typeof submitPath> | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = submitPath(content, tags);
    samples.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const s = stats(samples);
  const f = (n: number) => n.toFixed(3).padStart(7);
  console.log(
    `${label.padEnd(44)} ${String(content.length).padStart(7)} chars  counted ${String(last!.counted).padStart(6)}  ` +
      `median ${f(s.median)} ms  p95 ${f(s.p95)} ms  max ${f(s.max)} ms  cpu/run ${f((cpu.user + cpu.system) / 1000 / runs)} ms`,
  );
}

console.log(
  `Report submit path (recount + range check + SHA-256 + link snapshot); ${cpus().length} CPUs, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
bench('5,000 counted words (refs excluded)', reportWithCountedWords(5000), 500);
bench('3,000 counted words', reportWithCountedWords(3000), 500);
bench('20,000-word paste (refused: over range)', `## Pasted\n\n${prose(20_000)}`, 100);
const five = reportWithCountedWords(5000);
const t0 = performance.now();
for (let i = 0; i < 200; i++) measureReport(five, UNIT_RULES);
console.log(
  `Throughput: ${(200 / ((performance.now() - t0) / 1000)).toFixed(0)} submissions/s of 5,000 words on one core (pure path, no database).`,
);
