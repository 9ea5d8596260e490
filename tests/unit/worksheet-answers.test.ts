import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getModule } from '@/lib/content';
import {
  charCount,
  limitProblems,
  normalizeAnswers,
  sameAnswers,
  sectionHasContent,
  type Worksheet,
  type WorksheetAnswers,
} from '@/lib/worksheets/answers';
import {
  KeptCopies,
  planLoad as planAnyLoad,
  type KeptCopy,
  type StorageLike,
} from '@/components/autosave/kept-copies';
import type { Stored } from '@/components/autosave/engine';
import { readKeptAnswers } from '@/components/worksheet/autosave';
import { answersSchema, parseAnswers } from '@/lib/worksheets/schema';

const ws = getModule('ws-2-8-keeping-customers')!.worksheet as Worksheet;
const table = ws.sections.find((s) => s.kind === 'table')!;

describe('answers', () => {
  it('counts characters as a person does', () => {
    expect(charCount('café')).toBe(4);
    expect(charCount('😀😀')).toBe(2);
    expect(charCount('')).toBe(0);
  });

  it('reads the same answers written differently as the same (key order, empty rows, unticked items)', () => {
    const a: WorksheetAnswers = {
      contacts: [
        { id: 'x', cells: { contact: 'Phone', service: 'Quick' } },
        { id: 'y', cells: { contact: '', service: '' } },
      ],
      tips: { listen: true, 'be-honest': false },
      coach: '',
    };
    const b: WorksheetAnswers = {
      contacts: [{ id: 'z', cells: { service: 'Quick', contact: 'Phone' } }],
      tips: { listen: true },
    };
    expect(sameAnswers(ws, a, b)).toBe(true);
    expect(sameAnswers(ws, a, { ...b, coach: ' ' })).toBe(false);
    expect(normalizeAnswers(ws, {})).toEqual({});
  });

  it('knows which sections have something in them', () => {
    expect(sectionHasContent(table, { contacts: [{ id: 'a', cells: { contact: '  ' } }] })).toBe(false);
    expect(sectionHasContent(table, { contacts: [{ id: 'a', cells: { contact: 'Email' } }] })).toBe(true);
  });

  it('names the place and the numbers of every limit problem', () => {
    const problems = limitProblems(ws, {
      contacts: [{ id: 'a', cells: { contact: 'x', service: 'y'.repeat(5001) } }],
      coach: 'z'.repeat(6000),
    });
    expect(problems.map((p) => [p.key, p.where])).toEqual([
      ['contacts/a/service', 'Your customer contact points, row 1, Good customer service'],
      ['coach', 'For your Enterprise Coach'],
    ]);
    expect(problems[1]!.message).toBe('Your answer is longer than 5,000 characters (6,000). Shorten it and try again.');
  });

  it('the form and the server agree on limits: anything limitProblems passes, the schema passes, and the other way round', () => {
    const text = fc.string({ maxLength: 30 }).map((s) => s.replaceAll('\u0000', ''));
    const cellText = fc.oneof(text, fc.constant('c'.repeat(5000)), fc.constant('c'.repeat(5001)));
    const row = fc.record({
      id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
      cells: fc.record({ contact: cellText, service: cellText }),
    });
    const answers = fc.record(
      {
        contacts: fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 32 }),
        coach: fc.oneof(text, fc.constant('😀'.repeat(5000)), fc.constant('x'.repeat(5001))),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answers, (a) => {
        const formOk = limitProblems(ws, a).length === 0;
        expect(answersSchema(ws).safeParse(a).success).toBe(formOk);
      }),
      { numRuns: 200 },
    );
  });

  it('strips what PostgreSQL cannot store, keeps everything else', () => {
    const out = parseAnswers(ws, { coach: 'a\u0000b\uD800c <i>x</i> 😀' });
    expect(out.coach).toBe('ab\uFFFDc <i>x</i> 😀');
  });
});

function memoryStorage(): StorageLike {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('kept copies in the browser', () => {
  it('gives each page its own slot, so two tabs typing offline keep both', () => {
    const storage = memoryStorage();
    const a = new KeptCopies(storage, 'key', 'a', readKeptAnswers, () => 1);
    const b = new KeptCopies(storage, 'key', 'b', readKeptAnswers, () => 2);
    a.save({ coach: 'from A' }, 3);
    b.save({ coach: 'from B' }, 3);
    expect(a.list().map((d) => d.value.coach)).toEqual(['from B', 'from A']);
    a.clear();
    expect(b.list().map((d) => d.tab)).toEqual(['b']);
  });

  it('survives broken or foreign data in storage, and storage that refuses writes', () => {
    const storage = memoryStorage();
    storage.setItem('key', '{"x": {"nope": 1}, "y": ');
    expect(new KeptCopies(storage, 'key', 'a', readKeptAnswers).list()).toEqual([]);
    const full: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(new KeptCopies(full, 'key', 'a', readKeptAnswers).save({ coach: 'x' }, 1)).toBe(false);
    expect(new KeptCopies(null, 'key', 'a', readKeptAnswers).save({ coach: 'x' }, 1)).toBe(false);
  });
});

describe('opening the page: server answers and kept copies', () => {
  const server = { version: 4, value: { coach: 'saved' } as WorksheetAnswers, savedAt: '2026-05-03T13:05:00.000Z' };
  const draft = (tab: string, text: string, baseVersion: number, editedAt = 1000): KeptCopy<WorksheetAnswers> => ({
    tab,
    value: { coach: text },
    baseVersion,
    editedAt,
  });
  const planLoad = (s: Stored<WorksheetAnswers>, copies: KeptCopy<WorksheetAnswers>[]) =>
    planAnyLoad((a, b) => sameAnswers(ws, a, b), s, copies);

  it('shows the server when nothing else is kept, and drops kept copies that say the same', () => {
    expect(planLoad(server, [])).toEqual({ kind: 'server', discard: [] });
    expect(planLoad(server, [draft('a', 'saved', 2)])).toEqual({ kind: 'server', discard: ['a'] });
  });

  it('puts back an unsaved copy typed on the version the server still has', () => {
    expect(planLoad(server, [draft('a', 'newer words', 4)])).toMatchObject({
      kind: 'restore',
      value: { coach: 'newer words' },
      adopt: ['a'],
    });
  });

  it('asks when the server moved on since the copy was typed', () => {
    const plan = planLoad(server, [draft('a', 'typed on v3', 3)]);
    expect(plan).toMatchObject({
      kind: 'choose',
      mine: { coach: 'typed on v3' },
      others: [{ key: 'server', value: { coach: 'saved' } }],
    });
  });

  it('asks when two tabs left different copies, newest first', () => {
    const plan = planLoad(server, [draft('a', 'older tab', 4, 1), draft('b', 'newer tab', 4, 2)]);
    expect(plan).toMatchObject({ kind: 'choose', mine: { coach: 'newer tab' } });
    if (plan.kind !== 'choose') throw new Error('expected a choice');
    expect(plan.others.map((o) => o.value.coach)).toEqual(['saved', 'older tab']);
    expect(plan.adopt.sort()).toEqual(['a', 'b']);
  });

  it('restores a copy typed before anything reached the server', () => {
    expect(planLoad({ version: 0, value: {}, savedAt: null }, [draft('a', 'first words', 0)])).toMatchObject({
      kind: 'restore',
    });
  });
});
