/**
 * Word-counter timings (DESIGN.md: "Counting a 5,000-word report takes well under 5 ms; the live
 * counter never makes typing lag"). A plain script that only prints; it never fails on slowness.
 *
 *   npx tsx tests/bench/wordcount.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { countReport, countWords, DEFAULT_REPORT_RULES } from '../../lib/wordcount';

const VOCAB = (
  'The learner reviewed the organisation’s health-and-safety policy, identified three risks ' +
  '(manual handling, lone working and display-screen use) and proposed controls costing £1,200.50 ' +
  'per site – about 3,000 in total; e.g. signage and/or training. See https://www.hse.gov.uk/risk/ ' +
  'for guidance, agreed on 23/11/2026 with the **supervisor** and the team.'
).split(' ');

/** A Markdown report of about `words` words: headings, bullets, paragraphs and a References section. */
function makeReport(words: number): string {
  const lines: string[] = [];
  let n = 0;
  let section = 1;
  while (n < words) {
    lines.push(`## ${section}. Section heading number ${section}`, '');
    n += 5;
    for (let p = 0; p < 4 && n < words; p++) {
      const len = 40 + ((section * 7 + p * 13) % 60);
      const para: string[] = [];
      for (let i = 0; i < len && n < words; i++, n++) para.push(VOCAB[(n * 7 + i) % VOCAB.length]);
      lines.push((p === 3 ? '- ' : '') + para.join(' '), '');
    }
    section++;
  }
  lines.push(
    '# References',
    'HSE (2023) Managing risks and risk assessment at work. Available at: https://www.hse.gov.uk/simple-health-safety/risk/ (Accessed: 1 May 2026).',
  );
  return lines.join('\n');
}

function stats(samples: number[]): { median: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

/** CPU time of the last time() call, per run (less sensitive to a busy machine than wall time). */
let cpuPerRun = 0;

function time(fn: () => unknown, runs: number, warmup = 50): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  cpuPerRun = (cpu.user + cpu.system) / 1000 / runs;
  return out;
}

const fmt = (ms: number) => ms.toFixed(3).padStart(8);
const rows: string[] = [];
let sink = 0;

for (const size of [5000, 10000]) {
  const text = makeReport(size);
  const words = countWords(text);
  const cw = stats(time(() => (sink += countWords(text)), 200));
  const cwCpu = cpuPerRun;
  const cr = stats(time(() => (sink += countReport(text, DEFAULT_REPORT_RULES).counted), 200));
  const crCpu = cpuPerRun;
  const head = (name: string) =>
    `${name.padEnd(12)} ${String(words).padStart(6)} words ${String(text.length).padStart(7)} chars`;
  rows.push(
    `${head('countWords')}  median ${fmt(cw.median)} ms  p95 ${fmt(cw.p95)} ms  max ${fmt(cw.max)} ms  cpu/run ${fmt(cwCpu)} ms`,
  );
  rows.push(
    `${head('countReport')}  median ${fmt(cr.median)} ms  p95 ${fmt(cr.p95)} ms  max ${fmt(cr.max)} ms  cpu/run ${fmt(crCpu)} ms`,
  );
}

// Typing: recount a 10,000-word report after each of 500 appended characters.
const base = makeReport(10000);
const typed = ' The learner then added a further reflection on what went well and what could improve next time.';
let doc = base;
const perKey: number[] = [];
for (let i = 0; i < 20; i++) sink += countReport(doc + typed.slice(0, i), DEFAULT_REPORT_RULES).counted;
for (let k = 0; k < 500; k++) {
  doc += typed[k % typed.length];
  const t0 = performance.now();
  sink += countReport(doc, DEFAULT_REPORT_RULES).counted;
  perKey.push(performance.now() - t0);
}
const tk = stats(perKey);

console.log(
  [
    `Word counter (lib/wordcount), node ${process.version}, 200 runs after 50 warm-up runs, load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    ...rows.map((r) => '  ' + r),
    `  typing: 500 keystrokes on a 10,000-word report, full recount each  median ${fmt(tk.median)} ms  p95 ${fmt(tk.p95)} ms  max ${fmt(tk.max)} ms`,
    `  target: 5,000 words well under 5 ms`,
  ].join('\n'),
);
if (sink === -1) console.log(''); // keep the work observable
