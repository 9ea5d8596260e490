import { diffArrays, diffWords } from 'diff';
import { countWords } from '@/lib/wordcount';
import type { DiffBlock, DiffPart, VersionDiff } from './types';

/**
 * A readable difference between two submitted versions: paragraph by paragraph, and word by word
 * inside a paragraph that was edited rather than replaced.
 */

function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
}

/** Share of the longer text that the two have in common, by characters of unchanged word parts. */
function similarity(parts: DiffPart[], a: string, b: string): number {
  const same = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.trim().length, 0);
  return same / Math.max(1, Math.max(a.length, b.length));
}

export function diffReports(before: string, after: string, fromNumber: number, toNumber: number): VersionDiff {
  const changes = diffArrays(paragraphs(before), paragraphs(after));
  const blocks: DiffBlock[] = [];
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) {
      blocks.push({ type: 'same', lines: c.value });
      continue;
    }
    if (c.removed && changes[i + 1]?.added) {
      const removed = c.value;
      const added = changes[i + 1]!.value;
      i++;
      const pairs = Math.min(removed.length, added.length);
      for (let k = 0; k < pairs; k++) {
        const parts: DiffPart[] = diffWords(removed[k]!, added[k]!).map((p) => ({
          value: p.value,
          added: p.added || undefined,
          removed: p.removed || undefined,
        }));
        for (const p of parts) {
          if (p.added) wordsAdded += countWords(p.value);
          if (p.removed) wordsRemoved += countWords(p.value);
        }
        if (similarity(parts, removed[k]!, added[k]!) >= 0.4) blocks.push({ type: 'changed', parts });
        else {
          blocks.push({ type: 'removed', lines: [removed[k]!] });
          blocks.push({ type: 'added', lines: [added[k]!] });
        }
      }
      if (removed.length > pairs) {
        blocks.push({ type: 'removed', lines: removed.slice(pairs) });
        wordsRemoved += removed.slice(pairs).reduce((n, l) => n + countWords(l), 0);
      }
      if (added.length > pairs) {
        blocks.push({ type: 'added', lines: added.slice(pairs) });
        wordsAdded += added.slice(pairs).reduce((n, l) => n + countWords(l), 0);
      }
      continue;
    }
    blocks.push({ type: c.added ? 'added' : 'removed', lines: c.value });
    const n = c.value.reduce((sum, l) => sum + countWords(l), 0);
    if (c.added) wordsAdded += n;
    else wordsRemoved += n;
  }
  return { fromNumber, toNumber, blocks, wordsAdded, wordsRemoved };
}
