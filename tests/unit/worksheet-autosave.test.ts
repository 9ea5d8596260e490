import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getModule } from '@/lib/content';
import type { Worksheet, WorksheetAnswers } from '@/lib/worksheets/answers';
import { AutosaveEngine, type SaveResponse, type Stored, type Transport } from '@/components/autosave/engine';
import { KeptCopies, type StorageLike } from '@/components/autosave/kept-copies';
import { readKeptAnswers, worksheetRules } from '@/components/worksheet/autosave';

const ws = getModule('ws-2-8-keeping-customers')!.worksheet as Worksheet;
const rules = worksheetRules(ws);
type Answers = Stored<WorksheetAnswers>;

/** The server's side of autosave, in memory: versioned, can go offline or lose replies after committing. */
function fakeServer() {
  const s = {
    version: 0,
    answers: {} as WorksheetAnswers,
    online: true,
    /** Commit the save, then fail as if the connection dropped before the reply arrived. */
    loseReply: false,
    sent: [] as { version: number; answers: WorksheetAnswers; keepalive: boolean }[],
  };
  const transport: Transport<WorksheetAnswers> = async (
    { version, value: answers },
    { keepalive },
  ): Promise<SaveResponse<WorksheetAnswers>> => {
    s.sent.push({ version, answers, keepalive });
    if (!s.online) throw new TypeError('Failed to fetch');
    if (version !== s.version) {
      return {
        kind: 'conflict',
        current: { version: s.version, value: s.answers, savedAt: '2026-01-01T10:00:00.000Z' },
        message: 'Changed elsewhere.',
      };
    }
    s.version += 1;
    s.answers = JSON.parse(JSON.stringify(answers)) as WorksheetAnswers;
    if (s.loseReply) throw new TypeError('network reset');
    return { kind: 'saved', version: s.version, savedAt: new Date().toISOString() };
  };
  /** Another tab or device saving. */
  const saveElsewhere = (answers: WorksheetAnswers) => {
    s.version += 1;
    s.answers = answers;
  };
  return { s, transport, saveElsewhere };
}

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

function setup(initial: Answers = { version: 0, value: {}, savedAt: null }) {
  const server = fakeServer();
  server.s.version = initial.version;
  server.s.answers = initial.value;
  const storage = memoryStorage();
  const drafts = new KeptCopies(storage, 'k', 'tab-1', readKeptAnswers);
  const c = new AutosaveEngine({
    ...rules,
    initial,
    transport: server.transport,
    keep: drafts,
    isOnline: () => server.s.online,
  });
  return { c, server, storage, drafts, saveElsewhere: server.saveElsewhere };
}

const say = (text: string): WorksheetAnswers => ({ coach: text });
/** Let timers fire and the promises they start settle. */
const advance = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms);
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosave', () => {
  it('waits for a pause in typing, then sends the latest answers once', async () => {
    const { c, server } = setup();
    c.edit(say('H'));
    await advance(300);
    c.edit(say('He'));
    await advance(300);
    c.edit(say('Hello'));
    expect(c.getState().status).toBe('pending');
    await advance(799);
    expect(server.s.sent).toHaveLength(0);
    await advance(1);
    expect(server.s.sent).toEqual([{ version: 0, answers: say('Hello'), keepalive: false }]);
    expect(c.getState()).toMatchObject({ status: 'saved', version: 1 });
  });

  it('keeps every edit in the browser until the server has it', async () => {
    const { c, storage, drafts } = setup();
    c.edit(say('Draft words'));
    expect(drafts.list()[0]).toMatchObject({ value: say('Draft words'), baseVersion: 0 });
    await advance(800);
    expect(c.getState().status).toBe('saved');
    expect(storage.data.size).toBe(0);
  });

  it('offline: says "will retry", keeps typing locally, and saves the latest text when back online', async () => {
    const { c, server, drafts } = setup();
    server.s.online = false;
    c.edit(say('Typed offline'));
    await advance(800);
    expect(c.getState().status).toBe('retrying');
    c.edit(say('Typed offline, and more'));
    expect(drafts.list()[0]!.value).toEqual(say('Typed offline, and more'));
    await advance(5_000);
    expect(c.getState().status).toBe('retrying');

    server.s.online = true;
    c.resume(); // the 'online' event
    await advance(0);
    expect(c.getState()).toMatchObject({ status: 'saved', version: 1 });
    expect(server.s.answers).toEqual(say('Typed offline, and more'));
    expect(drafts.list()).toEqual([]);
  });

  it('retries with growing delays while the server keeps failing', async () => {
    const { c, server } = setup();
    const failing: Transport<WorksheetAnswers> = async (body, opts) => {
      if (server.s.sent.length < 4) {
        server.s.sent.push({ version: body.version, answers: body.value, keepalive: opts.keepalive });
        return { kind: 'retry', message: 'The server could not save just now.' };
      }
      return server.transport(body, opts);
    };
    const c2 = new AutosaveEngine({ ...rules, initial: { version: 0, value: {}, savedAt: null }, transport: failing });
    c2.edit(say('x'));
    await advance(800); // 1st try
    await advance(1_200); // 2nd (~1 s later)
    await advance(2_400); // 3rd (~2 s)
    expect(server.s.sent).toHaveLength(3);
    await advance(4_800); // 4th (~4 s)
    await advance(9_600); // 5th succeeds
    expect(c2.getState().status).toBe('saved');
    expect(c.getState().status).toBe('saved'); // untouched
  });

  it('a save that reached the server but whose reply was lost is not a conflict', async () => {
    const { c, server } = setup();
    server.s.loseReply = true;
    c.edit(say('First'));
    await advance(800);
    expect(c.getState().status).toBe('retrying');
    expect(server.s.version).toBe(1);

    server.s.loseReply = false;
    c.edit(say('First, then more'));
    c.resume();
    await advance(0); // 409: the server holds "First", which this page sent: take version 1 and go on
    await advance(800);
    expect(c.getState()).toMatchObject({ status: 'saved', conflict: null, version: 2 });
    expect(server.s.answers).toEqual(say('First, then more'));
  });

  it('a real conflict stops saving and shows both; "keep mine" saves mine on top of the newer version', async () => {
    const { c, server, saveElsewhere } = setup({ version: 1, value: say('Original'), savedAt: null });
    saveElsewhere(say('From my phone'));
    c.edit(say('From this laptop'));
    await advance(800);
    const state = c.getState();
    expect(state.status).toBe('conflict');
    expect(state.conflict!.others).toEqual([expect.objectContaining({ key: 'server', value: say('From my phone') })]);
    expect(server.s.answers).toEqual(say('From my phone'));

    c.edit(say('From this laptop, edited while deciding'));
    await advance(5_000);
    expect(server.s.sent).toHaveLength(1); // paused

    c.choose('mine');
    await advance(0);
    expect(c.getState()).toMatchObject({ status: 'saved', version: 3, conflict: null });
    expect(server.s.answers).toEqual(say('From this laptop, edited while deciding'));
  });

  it('"keep the saved version" replaces the page without sending anything', async () => {
    const { c, server, saveElsewhere, drafts } = setup({ version: 1, value: say('Original'), savedAt: null });
    saveElsewhere(say('From my phone'));
    c.edit(say('From this laptop'));
    await advance(800);
    c.choose('server');
    await advance(1_000);
    expect(c.getState()).toMatchObject({ status: 'saved', version: 2, value: say('From my phone') });
    expect(server.s.sent).toHaveLength(1);
    expect(drafts.list()).toEqual([]);
  });

  it('a conflict whose stored answers equal what this page has is settled quietly', async () => {
    const { c, saveElsewhere } = setup({ version: 1, value: say('Original'), savedAt: null });
    saveElsewhere(say('Same words'));
    c.edit(say('Same words'));
    await advance(800);
    expect(c.getState()).toMatchObject({ status: 'saved', version: 2, conflict: null });
  });

  it('does not send answers over a limit; says what to fix; sends once fixed', async () => {
    const { c, server } = setup();
    c.edit(say('x'.repeat(5001)));
    await advance(2_000);
    expect(server.s.sent).toHaveLength(0);
    expect(c.getState().status).toBe('blocked');
    expect(c.getState().message).toMatch(
      /For your Enterprise Coach: Your answer is longer than 5,000 characters \(5,001\)/,
    );
    c.edit(say('x'.repeat(5000)));
    await advance(800);
    expect(c.getState().status).toBe('saved');
  });

  it('a refused save (400) waits for the next edit instead of retrying', async () => {
    const c = new AutosaveEngine({
      ...rules,
      initial: { version: 0, value: {}, savedAt: null },
      transport: async () => ({ kind: 'invalid', message: 'Nope.' }),
    });
    c.edit(say('x'));
    await advance(60_000);
    expect(c.getState()).toMatchObject({ status: 'invalid', message: 'Nope.' });
  });

  it('flush saves at once and reports whether the server has the page', async () => {
    const { c, server } = setup();
    c.edit(say('Hand me in'));
    await expect(c.flush()).resolves.toBe(true);
    expect(server.s.version).toBe(1);
    server.s.online = false;
    c.edit(say('Hand me in, changed'));
    await expect(c.flush()).resolves.toBe(false);
  });

  it('leaving the page sends the unsaved answers with keepalive; if that lands, the page carries on without a conflict', async () => {
    const { c, server } = setup({ version: 1, value: say('a'), savedAt: null });
    c.edit(say('ab'));
    c.leave();
    await advance(0);
    expect(server.s.sent.at(-1)).toMatchObject({ keepalive: true, answers: say('ab') });
    expect(server.s.version).toBe(2);
    // Came back from the back/forward cache: the page still thinks it is on version 1.
    c.edit(say('abc'));
    await advance(800);
    await advance(800);
    expect(c.getState()).toMatchObject({ status: 'saved', conflict: null });
    expect(server.s.answers).toEqual(say('abc'));
  });

  it('coming back to an idle tab shows answers saved elsewhere meanwhile, but never over unsaved words', async () => {
    const { c } = setup({ version: 2, value: say('old'), savedAt: null });
    c.adoptNewer({ version: 3, value: say('from the phone'), savedAt: '2026-01-01T10:00:00.000Z' });
    expect(c.getState()).toMatchObject({ version: 3, value: say('from the phone'), status: 'saved' });
    c.adoptNewer({ version: 2, value: say('older'), savedAt: null });
    expect(c.getState().value).toEqual(say('from the phone'));
    c.edit(say('typing here'));
    c.adoptNewer({ version: 9, value: say('elsewhere'), savedAt: null });
    expect(c.getState().value).toEqual(say('typing here'));
  });

  it('edits made while a save is in flight are saved next, on the new version', async () => {
    const { c, server } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow: Transport<WorksheetAnswers> = async (body, opts) => {
      await gate;
      return server.transport(body, opts);
    };
    const c2 = new AutosaveEngine({ ...rules, initial: { version: 0, value: {}, savedAt: null }, transport: slow });
    c2.edit(say('one'));
    await advance(800);
    expect(c2.getState().status).toBe('saving');
    c2.edit(say('one two'));
    release();
    await advance(0);
    await advance(800);
    await advance(800);
    expect(c2.getState()).toMatchObject({ status: 'saved', version: 2 });
    expect(server.s.answers).toEqual(say('one two'));
    expect(c.getState().status).toBe('saved');
  });
});
