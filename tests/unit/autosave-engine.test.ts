/**
 * The shared autosave engine (components/autosave), state by state, under fake timers. Values here are plain
 * strings; tests/unit/worksheet-autosave.test.ts runs the same engine with the worksheet's rules.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AutosaveEngine,
  type AutosaveOptions,
  type SaveResponse,
  type Stored,
  type Transport,
} from '@/components/autosave/engine';
import { jsonTransport, outcomeOf } from '@/components/autosave/http';
import { KeptCopies, type StorageLike } from '@/components/autosave/kept-copies';

const parseText = (raw: unknown) => (typeof raw === 'string' ? raw : null);

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** A versioned server in memory. `next` overrides the answer to the next sends, one entry per send. */
function fakeServer(start: Stored<string> = { value: '', version: 0, savedAt: null }) {
  const s = {
    ...start,
    online: true,
    sent: [] as { version: number; value: string; keepalive: boolean }[],
    next: [] as SaveResponse<string>[],
    /** Resolves the sends held back by hold(). */
    gate: null as Promise<void> | null,
  };
  const transport: Transport<string> = async ({ version, value }, { keepalive }) => {
    s.sent.push({ version, value, keepalive });
    if (s.gate) await s.gate;
    if (!s.online) throw new TypeError('Failed to fetch');
    const scripted = s.next.shift();
    if (scripted) return scripted;
    if (version !== s.version)
      return {
        kind: 'conflict',
        current: { value: s.value, version: s.version, savedAt: '2026-01-01T10:00:00.000Z' },
        message: 'Changed elsewhere.',
      };
    s.version += 1;
    s.value = value;
    return { kind: 'saved', version: s.version, savedAt: '2026-01-01T10:00:00.000Z' };
  };
  const hold = () => {
    let release!: () => void;
    s.gate = new Promise<void>((r) => {
      release = r;
    });
    return () => {
      s.gate = null;
      release();
    };
  };
  return { s, transport, hold };
}

function setup(opts: Partial<AutosaveOptions<string>> & { start?: Stored<string> } = {}) {
  const server = fakeServer(opts.start);
  const storage = memoryStorage();
  const keep = new KeptCopies(storage, 'key', 'tab-1', parseText);
  const engine = new AutosaveEngine<string>({
    initial: opts.start ?? { value: '', version: 0, savedAt: null },
    transport: server.transport,
    equal: (a, b) => a === b,
    empty: '',
    keep,
    isOnline: () => server.s.online,
    random: () => 0.5, // no jitter: delays are exactly 1 s, 2 s, 4 s ...
    ...opts,
  });
  return { engine, server, storage, keep, hold: server.hold };
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('debounce', () => {
  it('sends once, after the configured pause in typing', async () => {
    const { engine, server } = setup({ delayMs: 1200 });
    engine.edit('a');
    await advance(1000);
    engine.edit('ab');
    await advance(1199);
    expect(engine.getState().status).toBe('pending');
    expect(server.s.sent).toHaveLength(0);
    await advance(1);
    expect(server.s.sent).toEqual([{ version: 0, value: 'ab', keepalive: false }]);
    expect(engine.getState()).toMatchObject({
      status: 'saved',
      version: 1,
      savedAt: '2026-01-01T10:00:00.000Z',
      message: null,
    });
  });

  it('defaults to 800 ms', async () => {
    const { engine, server } = setup();
    engine.edit('a');
    await advance(799);
    expect(server.s.sent).toHaveLength(0);
    await advance(1);
    expect(server.s.sent).toHaveLength(1);
  });
});

describe('one save in flight', () => {
  it('queues newer text typed during a save and sends it next, on the version that save made', async () => {
    const { engine, server, hold } = setup();
    const release = hold();
    engine.edit('one');
    await advance(800);
    expect(engine.getState().status).toBe('saving');
    engine.edit('one two');
    engine.edit('one two three');
    await advance(5_000);
    expect(server.s.sent).toHaveLength(1); // never two at once
    release();
    // The pause in typing has long passed: the queued text goes as soon as the first save has its answer.
    await advance(0);
    expect(server.s.sent.map((x) => [x.version, x.value])).toEqual([
      [0, 'one'],
      [1, 'one two three'],
    ]);
    expect(engine.getState()).toMatchObject({ status: 'saved', version: 2, value: 'one two three' });
  });
});

describe('retry with back-off', () => {
  it('server failures: 1 s, 2 s, 4 s ... capped; saved once the server answers; jitter within ±20%', async () => {
    const { engine, server } = setup({ maxBackoffMs: 4_000 });
    const fail: SaveResponse<string> = { kind: 'retry', message: 'The server could not save just now.' };
    server.s.next.push(fail, fail, fail, fail);
    engine.edit('x');
    await advance(800);
    expect(engine.getState()).toMatchObject({
      status: 'retrying',
      unreachable: false,
      message: 'The server could not save just now.',
    });
    const times: number[] = [];
    for (const wait of [1_000, 2_000, 4_000, 4_000]) {
      await advance(wait - 1);
      times.push(server.s.sent.length);
      await advance(1);
    }
    expect(times).toEqual([1, 2, 3, 4]); // each retry came exactly when due, not before
    expect(server.s.sent).toHaveLength(5);
    expect(engine.getState().status).toBe('saved');
  });

  it('offline: says the server was unreachable, retries only slowly, and at once when the browser is back online', async () => {
    const { engine, server, keep } = setup();
    server.s.online = false;
    engine.edit('typed offline');
    await advance(800);
    expect(engine.getState()).toMatchObject({ status: 'retrying', unreachable: true });
    engine.edit('typed offline, and more');
    await advance(20_000);
    expect(server.s.sent).toHaveLength(1); // offline falls back to the slow timer (30 s)
    expect(keep.list()[0]).toMatchObject({ value: 'typed offline, and more', baseVersion: 0 });

    server.s.online = true;
    engine.resume(); // the 'online' event
    await advance(0);
    expect(engine.getState()).toMatchObject({ status: 'saved', version: 1, value: 'typed offline, and more' });
    expect(keep.list()).toEqual([]);
  });
});

describe('offline buffer', () => {
  it('writes every edit at once by default, and a long text after keepDelayMs; clears it once saved', async () => {
    const { engine, keep } = setup();
    engine.edit('a');
    expect(keep.list()[0]?.value).toBe('a');
    await advance(800);
    expect(keep.list()).toEqual([]);

    const slow = setup({ keepDelayMs: 300 });
    slow.engine.edit('long report');
    expect(slow.keep.list()).toEqual([]);
    await advance(300);
    expect(slow.keep.list()[0]?.value).toBe('long report');
  });

  it('says so when the browser refuses to keep a copy, and only then would closing the page lose work', async () => {
    const { engine, server } = setup({
      keep: new KeptCopies(
        {
          getItem: () => null,
          setItem: () => {
            throw new Error('QuotaExceededError');
          },
          removeItem: () => {},
        },
        'key',
        't',
        parseText,
      ),
    });
    server.s.online = false;
    engine.edit('words');
    expect(engine.getState().keptLocally).toBe(false);
    expect(engine.wouldLoseWork()).toBe(true);

    const kept = setup();
    kept.server.s.online = false;
    kept.engine.edit('words');
    expect(kept.engine.wouldLoseWork()).toBe(false);
  });

  it('replays a copy left by an earlier visit that the server never got, then saves it', async () => {
    const storage = memoryStorage();
    new KeptCopies(storage, 'key', 'old-tab', parseText, () => Date.parse('2026-01-01T09:00:00Z')).save(
      'unsent words',
      3,
    );
    const { engine, server } = setup({ start: { value: 'saved words', version: 3, savedAt: null } });
    engine.open(new KeptCopies(storage, 'key', 'new-tab', parseText));
    expect(engine.getState()).toMatchObject({
      value: 'unsent words',
      status: 'pending',
      restoredAt: '2026-01-01T09:00:00.000Z',
    });
    await advance(800);
    expect(server.s.value).toBe('unsent words');
    expect(engine.getState().status).toBe('saved');
    expect(storage.data.size).toBe(0);
  });

  it("reads copies kept by the previous release: a report's single copy and a worksheet's `answers` slots", async () => {
    const storage = memoryStorage();
    storage.setItem(
      'report',
      JSON.stringify({ value: 'report typed yesterday', baseVersion: 2, at: '2026-01-01T09:00:00.000Z' }),
    );
    storage.setItem(
      'worksheet',
      JSON.stringify({ t1: { tab: 't1', answers: 'answers typed yesterday', baseVersion: 1, editedAt: 5 } }),
    );

    const report = setup({ start: { value: 'older', version: 2, savedAt: null } });
    report.engine.open(new KeptCopies(storage, 'report', 'new', parseText));
    expect(report.engine.getState()).toMatchObject({
      value: 'report typed yesterday',
      restoredAt: '2026-01-01T09:00:00.000Z',
    });

    const ws = setup({ start: { value: 'older', version: 1, savedAt: null } });
    ws.engine.open(new KeptCopies(storage, 'worksheet', 'new', parseText));
    expect(ws.engine.getState().value).toBe('answers typed yesterday');

    // Both now live in this release's shape, under the same keys, until saved.
    expect(JSON.parse(storage.data.get('report')!)).toEqual({
      new: expect.objectContaining({ value: 'report typed yesterday', baseVersion: 2 }),
    });
    await advance(800);
    expect(storage.data.has('report')).toBe(false);
    expect(storage.data.has('worksheet')).toBe(false);
  });

  it('ignores kept data that is not a value of this form', () => {
    const storage = memoryStorage();
    storage.setItem(
      'key',
      JSON.stringify({ a: { tab: 'a', value: { not: 'text' }, baseVersion: 1, editedAt: 1 }, b: 7 }),
    );
    expect(new KeptCopies(storage, 'key', 'x', parseText).list()).toEqual([]);
    storage.setItem('key', '{"broken": ');
    expect(new KeptCopies(storage, 'key', 'x', parseText).list()).toEqual([]);
  });
});

describe('conflict', () => {
  function conflicted() {
    const t = setup({ start: { value: 'original', version: 1, savedAt: null } });
    t.server.s.value = 'from the phone';
    t.server.s.version = 2;
    t.engine.edit('from the laptop');
    return t;
  }

  it('a stale save stops saving and keeps both versions; typing goes on into "mine"', async () => {
    const { engine, server, keep } = conflicted();
    await advance(800);
    expect(engine.getState()).toMatchObject({
      status: 'conflict',
      message: 'Changed elsewhere.',
      conflict: {
        serverVersion: 2,
        mineEditedAt: null,
        others: [{ key: 'server', origin: 'server', value: 'from the phone' }],
      },
    });
    engine.edit('from the laptop, still typing');
    await advance(10_000);
    expect(server.s.sent).toHaveLength(1);
    expect(server.s.value).toBe('from the phone');
    expect(keep.list()[0]).toMatchObject({ value: 'from the laptop, still typing', baseVersion: 1 });
  });

  it('choose mine: saved on top of the newer version', async () => {
    const { engine, server } = conflicted();
    await advance(800);
    engine.edit('mine, final');
    engine.choose('mine');
    await advance(0);
    expect(server.s.sent.at(-1)).toMatchObject({ version: 2, value: 'mine, final' });
    expect(engine.getState()).toMatchObject({ status: 'saved', version: 3, conflict: null });
  });

  it('choose theirs: the page shows the saved version, nothing is sent, the kept copy goes', async () => {
    const { engine, server, keep } = conflicted();
    await advance(800);
    engine.choose('server');
    await advance(2_000);
    expect(engine.getState()).toMatchObject({ status: 'saved', version: 2, value: 'from the phone', conflict: null });
    expect(server.s.sent).toHaveLength(1);
    expect(keep.list()).toEqual([]);
  });

  it('a 409 without a stored copy offers the empty value at version 0', async () => {
    const { engine, server } = setup({ start: { value: 'x', version: 4, savedAt: null } });
    server.s.next.push({ kind: 'conflict', current: null, message: 'No draft any more.' });
    engine.edit('xy');
    await advance(800);
    expect(engine.getState().conflict).toMatchObject({ serverVersion: 0, others: [{ key: 'server', value: '' }] });
    engine.choose('mine');
    await advance(0);
    expect(server.s.sent.at(-1)).toMatchObject({ version: 0, value: 'xy' });
  });

  it('a reply lost after the server saved is not a conflict: the page takes the version it made', async () => {
    const { engine, server } = setup();
    server.s.next.push({ kind: 'retry', message: 'The connection dropped.', unreachable: true });
    engine.edit('first');
    await advance(800);
    // The server did save it; only the reply was lost.
    server.s.version = 1;
    server.s.value = 'first';
    engine.edit('first, then more');
    engine.resume();
    await advance(0);
    await advance(800);
    expect(engine.getState()).toMatchObject({ status: 'saved', conflict: null, version: 2 });
    expect(server.s.value).toBe('first, then more');
  });

  it('copies kept by two tabs that disagree with the server are shown side by side on opening', () => {
    const storage = memoryStorage();
    new KeptCopies(storage, 'key', 'a', parseText, () => 1).save('tab a', 3);
    new KeptCopies(storage, 'key', 'b', parseText, () => 2).save('tab b', 3);
    const { engine } = setup({ start: { value: 'server', version: 4, savedAt: null } });
    engine.open(new KeptCopies(storage, 'key', 'c', parseText));
    expect(engine.getState()).toMatchObject({ status: 'conflict', value: 'tab b' });
    expect(engine.getState().conflict!.others.map((o) => [o.key, o.value])).toEqual([
      ['server', 'server'],
      ['device:a', 'tab a'],
    ]);
    engine.choose('device:a');
    expect(engine.getState().value).toBe('tab a');
    expect(new KeptCopies(storage, 'key', 'z', parseText).list().map((k) => k.tab)).toEqual(['c']);
  });
});

describe('refusals', () => {
  it('session ended (401): stops until the person comes back to the tab, then sends', async () => {
    const { engine, server } = setup();
    server.s.next.push(outcomeOf<string>(401, 'Please sign in to continue.'));
    engine.edit('words');
    await advance(800);
    expect(engine.getState()).toMatchObject({
      status: 'signed-out',
      message: expect.stringMatching(/Sign in again in another tab/),
    });
    engine.edit('more words');
    await advance(60_000);
    expect(server.s.sent).toHaveLength(1);
    engine.resume(); // visibilitychange: back to this tab, signed in again
    await advance(0);
    expect(engine.getState()).toMatchObject({ status: 'saved', value: 'more words' });
  });

  it('server validation error (400) is not retried; the next edit tries again', async () => {
    const { engine, server } = setup();
    server.s.next.push(outcomeOf<string>(400, 'Too long.'));
    engine.edit('x');
    await advance(60_000);
    expect(engine.getState()).toMatchObject({ status: 'invalid', message: 'Too long.' });
    expect(server.s.sent).toHaveLength(1);
    engine.edit('y');
    await advance(800);
    expect(engine.getState().status).toBe('saved');
  });

  it('forbidden (403) stops saving; edits are still kept in the browser', async () => {
    const { engine, server, keep } = setup();
    server.s.next.push(outcomeOf<string>(403, 'This report is signed off.'));
    engine.edit('x');
    await advance(800);
    engine.edit('xy');
    await advance(60_000);
    expect(engine.getState()).toMatchObject({ status: 'forbidden', message: 'This report is signed off.' });
    expect(server.s.sent).toHaveLength(1);
    expect(keep.list()[0]?.value).toBe('xy');
  });

  it('a value over a limit the form knows is not sent', async () => {
    const { engine, server } = setup({ problem: (v) => (v.length > 5 ? 'At most 5 characters.' : null) });
    engine.edit('toolong');
    await advance(5_000);
    expect(engine.getState()).toMatchObject({ status: 'blocked', message: 'At most 5 characters.' });
    expect(server.s.sent).toHaveLength(0);
    engine.edit('short');
    await advance(800);
    expect(engine.getState().status).toBe('saved');
  });

  it('maps statuses once for every transport', () => {
    expect(outcomeOf(409, 'Stale.', { value: 'v', version: 2, savedAt: null }).kind).toBe('conflict');
    expect(outcomeOf(409, 'Decided meanwhile.').kind).toBe('forbidden');
    expect([400, 413, 415].map((s) => outcomeOf(s, 'e').kind)).toEqual(['invalid', 'invalid', 'invalid']);
    expect([403, 404].map((s) => outcomeOf(s, 'e').kind)).toEqual(['forbidden', 'forbidden']);
    expect([429, 500, 502, 503].map((s) => outcomeOf(s, 'e').kind)).toEqual(['retry', 'retry', 'retry', 'retry']);
  });

  it('the JSON transport: a fetch that throws is "unreachable"; a reply is read by the feature\'s shape', async () => {
    const shape = {
      body: (value: string, version: number) => ({ version, text: value }),
      saved: (r: Record<string, unknown>) =>
        typeof r.version === 'number' ? { version: r.version, savedAt: String(r.at) } : null,
      current: (r: Record<string, unknown>) =>
        r.current ? { value: String(r.current), version: 9, savedAt: null } : undefined,
    };
    const down = jsonTransport('/x', shape, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await down({ value: 'a', version: 1 }, { keepalive: false })).toMatchObject({
      kind: 'retry',
      unreachable: true,
    });
    const reply = (status: number, body: unknown) =>
      jsonTransport('/x', shape, async () => new Response(JSON.stringify(body), { status }));
    expect(await reply(200, { version: 2, at: 'now' })({ value: 'a', version: 1 }, { keepalive: false })).toEqual({
      kind: 'saved',
      version: 2,
      savedAt: 'now',
    });
    expect(
      await reply(409, { error: 'Stale.', current: 'theirs' })({ value: 'a', version: 1 }, { keepalive: false }),
    ).toEqual({ kind: 'conflict', message: 'Stale.', current: { value: 'theirs', version: 9, savedAt: null } });
  });
});

describe('leaving and saving now', () => {
  it('flush saves at once, keeps going while newer text arrived during the save, and says whether the server has it', async () => {
    const { engine, server, hold } = setup();
    const release = hold();
    engine.edit('hand me in');
    const done = engine.flush();
    await advance(0);
    engine.edit('hand me in, changed');
    release();
    await expect(done).resolves.toBe(true);
    expect(server.s.value).toBe('hand me in, changed');

    server.s.online = false;
    engine.edit('offline now');
    await expect(engine.flush()).resolves.toBe(false);
  });

  it('flush tries again a value the server refused before (the person asked to save now)', async () => {
    const { engine, server } = setup();
    server.s.next.push(outcomeOf<string>(400, 'Hiccup.'));
    engine.edit('x');
    await advance(800);
    expect(engine.getState().status).toBe('invalid');
    await expect(engine.flush()).resolves.toBe(true);
  });

  it('unload: writes the kept copy now and makes one keepalive save; nothing when saved, blocked or in conflict', async () => {
    const { engine, server, keep } = setup({ keepDelayMs: 300 });
    engine.leave();
    expect(server.s.sent).toHaveLength(0);
    engine.edit('last words');
    engine.leave();
    expect(keep.list()[0]?.value).toBe('last words'); // not waiting for keepDelayMs
    await advance(0);
    expect(server.s.sent).toEqual([{ version: 0, value: 'last words', keepalive: true }]);

    const blocked = setup({ problem: () => 'No.' });
    blocked.engine.edit('x');
    blocked.engine.leave();
    await advance(0);
    expect(blocked.server.s.sent).toHaveLength(0);
  });

  it('replace: what an upload put on the server is shown as saved', async () => {
    const { engine, server, keep } = setup();
    engine.edit('typing');
    engine.replace({ value: 'from the .docx', version: 5, savedAt: '2026-01-01T11:00:00.000Z' });
    await advance(5_000);
    expect(engine.getState()).toMatchObject({ status: 'saved', value: 'from the .docx', version: 5 });
    expect(server.s.sent).toHaveLength(0);
    expect(keep.list()).toEqual([]);
  });
});
