/**
 * Autosave for one worksheet page, as a plain state machine (no React), so every path through it can be tested.
 *
 * - Each edit is kept in the browser at once (LocalDrafts) and sent after a pause in typing.
 * - One save in flight at a time; each names the version it was typed on, and the server refuses stale ones (409).
 * - A failed send (offline, server error) is retried with backoff, and at once when the browser comes back online.
 * - A 409 whose stored answers are what this page already sent (a save whose reply was lost) is not a conflict:
 *   the page takes the new version and carries on. Any other 409 stops saving until the learner chooses a version.
 */
import { limitProblems, sameAnswers, type Worksheet, type WorksheetAnswers } from './answers';
import type { LocalDrafts } from './local-drafts';
import type { Choice, ServerCopy } from './reconcile';

export type SaveStatus =
  | 'saved' // the server has exactly what is on the page
  | 'pending' // waiting for a pause in typing
  | 'saving'
  | 'retrying' // send failed; trying again
  | 'blocked' // an answer is over a limit: fix it first (nothing sent)
  | 'invalid' // the server refused the answers (400)
  | 'conflict' // another tab or device saved something else: the learner chooses
  | 'signed-out'
  | 'forbidden';

export interface ConflictState {
  /** The version a resolved save must name. */
  serverVersion: number;
  /** When "this page" is a kept copy restored on opening, when it was last edited. */
  mineEditedAt: string | null;
  others: Choice[];
  /** Kept-copy slots to drop once the learner has chosen. */
  adopt: string[];
}

export interface AutosaveState {
  answers: WorksheetAnswers;
  version: number;
  status: SaveStatus;
  /** Why it is not saved, in the learner's words. */
  message: string | null;
  savedAt: string | null;
  conflict: ConflictState | null;
  /** False when this browser refused to keep a copy (storage full or disabled). */
  keptLocally: boolean;
  /** Set when answers kept on this device were put back on opening the page. */
  restoredAt: string | null;
}

export type SaveResponse =
  | { kind: 'saved'; version: number; savedAt: string }
  | { kind: 'conflict'; current: ServerCopy; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'signed-out'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'retry'; message: string };

export type Transport = (body: { version: number; answers: WorksheetAnswers }, opts: { keepalive: boolean }) => Promise<SaveResponse>;

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface AutosaveOptions {
  worksheet: Worksheet;
  initial: ServerCopy;
  transport: Transport;
  drafts?: LocalDrafts | null;
  delayMs?: number;
  maxBackoffMs?: number;
  timers?: Timers;
  isOnline?: () => boolean;
}

const STOPPED: SaveStatus[] = ['conflict', 'signed-out', 'forbidden'];

export class AutosaveController {
  private state: AutosaveState;
  private readonly listeners = new Set<() => void>();
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private attempt = 0;
  /** Answers sent whose reply never came: if the server has one of them, it was this page that saved it. */
  private unacknowledged: { version: number; answers: WorksheetAnswers }[] = [];
  private drafts: LocalDrafts | null;
  private readonly ws: Worksheet;
  private readonly transport: Transport;
  private readonly delayMs: number;
  private readonly maxBackoffMs: number;
  private readonly timers: Timers;
  private readonly isOnline: () => boolean;

  constructor(opts: AutosaveOptions) {
    this.ws = opts.worksheet;
    this.transport = opts.transport;
    this.drafts = opts.drafts ?? null;
    this.delayMs = opts.delayMs ?? 800;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.timers = opts.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.isOnline = opts.isOnline ?? (() => true);
    this.state = {
      answers: opts.initial.answers,
      version: opts.initial.version,
      status: 'saved',
      message: null,
      savedAt: opts.initial.savedAt,
      conflict: null,
      keptLocally: true,
      restoredAt: null,
    };
  }

  // --- for React's useSyncExternalStore ---
  getState = (): AutosaveState => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  private set(patch: Partial<AutosaveState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  get dirty(): boolean {
    return this.state.status !== 'saved';
  }

  /** Kept-copy storage arrives after the first render (there is no localStorage on the server). */
  attachDrafts(drafts: LocalDrafts) {
    this.drafts = drafts;
  }

  /** Opening the page found answers kept on this device that the server does not have, typed on its latest version. */
  restore(answers: WorksheetAnswers, editedAt: string, adopt: string[]) {
    this.state = { ...this.state, restoredAt: editedAt };
    this.drafts?.remove(adopt);
    this.edit(answers);
  }

  /** Opening the page found versions that disagree: show them and let the learner choose. */
  askToChoose(mine: WorksheetAnswers, mineEditedAt: string, others: Choice[], adopt: string[]) {
    this.keepLocally(mine);
    this.set({
      answers: mine,
      status: 'conflict',
      message: 'There is more than one version of your answers. Choose which one to keep.',
      conflict: { serverVersion: this.state.version, mineEditedAt, others, adopt },
    });
  }

  /** The learner changed something. */
  edit(answers: WorksheetAnswers) {
    this.keepLocally(answers);
    if (STOPPED.includes(this.state.status)) {
      this.set({ answers });
      return;
    }
    const problem = limitProblems(this.ws, answers)[0];
    if (problem) {
      this.cancelTimer();
      this.set({ answers, status: 'blocked', message: `${problem.where}: ${problem.message}` });
      return;
    }
    if (this.state.status === 'retrying') {
      // Keep the backoff: the retry sends whatever is on the page by then.
      this.set({ answers });
      return;
    }
    this.set({ answers, status: this.state.status === 'saving' ? 'saving' : 'pending', message: null });
    this.schedule(this.delayMs);
  }

  private keepLocally(answers: WorksheetAnswers) {
    if (!this.drafts) return;
    const ok = this.drafts.save(answers, this.state.version);
    if (ok !== this.state.keptLocally) this.set({ keptLocally: ok });
  }

  private cancelTimer() {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private schedule(ms: number) {
    this.cancelTimer();
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.send();
    }, ms);
  }

  /** Save now (hand-in, or leaving the page). Resolves true when the server has exactly what is on the page. */
  async flush(): Promise<boolean> {
    this.cancelTimer();
    if (this.inFlight) await this.inFlight;
    if (this.state.status === 'pending' || this.state.status === 'retrying' || this.state.status === 'signed-out') await this.send();
    if (this.inFlight) await this.inFlight;
    return this.state.status === 'saved';
  }

  /** The browser is back online, or the learner came back to the tab (maybe after signing in again). */
  resume() {
    if (this.state.status === 'retrying' || this.state.status === 'signed-out') {
      this.attempt = 0;
      this.cancelTimer();
      void this.send();
    }
  }

  /**
   * The learner came back to this tab and the server has a newer version (saved from another tab or device).
   * With nothing unsaved here, show the newer answers, so typing here does not start from stale text.
   */
  adoptNewer(copy: ServerCopy) {
    if (this.state.status !== 'saved' || copy.version <= this.state.version) return;
    this.set({ answers: copy.answers, version: copy.version, savedAt: copy.savedAt });
  }

  /** The page is going away: one last try with keepalive. The kept copy covers it if that fails too. */
  leave() {
    const { status, answers, version } = this.state;
    if (status === 'saved' || status === 'blocked' || STOPPED.includes(status)) return;
    this.unacknowledged.push({ version, answers });
    this.transport({ version, answers }, { keepalive: true }).catch(() => {});
  }

  private async send(): Promise<void> {
    if (this.inFlight) {
      // Whatever is typed meanwhile goes in the next save.
      await this.inFlight;
      if (this.state.status === 'pending') this.schedule(0);
      return;
    }
    const { status, answers, version } = this.state;
    if (status === 'saved' || status === 'blocked' || status === 'invalid' || status === 'forbidden' || status === 'conflict') return;
    this.set({ status: 'saving' });
    this.inFlight = (async () => {
      let res: SaveResponse;
      try {
        res = await this.transport({ version, answers }, { keepalive: false });
      } catch {
        res = { kind: 'retry', message: 'The connection dropped.' };
      }
      this.handle(res, version, answers);
    })();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private handle(res: SaveResponse, sentVersion: number, sent: WorksheetAnswers) {
    switch (res.kind) {
      case 'saved':
        this.unacknowledged = [];
        this.attempt = 0;
        this.accept(res.version, res.savedAt, sent);
        return;
      case 'conflict': {
        const { current } = res;
        const ours = sameAnswers(this.ws, current.answers, sent)
          || this.unacknowledged.some((u) => u.version < current.version && sameAnswers(this.ws, u.answers, current.answers));
        if (ours) {
          this.unacknowledged = [];
          this.accept(current.version, current.savedAt ?? new Date().toISOString(), current.answers);
          return;
        }
        this.unacknowledged = [];
        this.cancelTimer();
        this.set({
          status: 'conflict',
          message: res.message,
          conflict: {
            serverVersion: current.version,
            mineEditedAt: null,
            others: [{ key: 'server', origin: 'server', answers: current.answers, at: current.savedAt }],
            adopt: [],
          },
        });
        return;
      }
      case 'retry': {
        this.unacknowledged.push({ version: sentVersion, answers: sent });
        if (this.unacknowledged.length > 10) this.unacknowledged.shift();
        this.attempt += 1;
        // Offline: the 'online' event calls resume(); the slow timer is only a fallback.
        const base = this.isOnline() ? Math.min(1000 * 2 ** (this.attempt - 1), this.maxBackoffMs) : this.maxBackoffMs;
        const delay = Math.round(base * (0.8 + Math.random() * 0.4));
        this.set({ status: 'retrying', message: res.message });
        this.schedule(delay);
        return;
      }
      case 'invalid':
        this.set({ status: 'invalid', message: res.message });
        return;
      case 'signed-out':
        this.set({ status: 'signed-out', message: res.message });
        return;
      case 'forbidden':
        this.set({ status: 'forbidden', message: res.message });
        return;
    }
  }

  /** The server now holds `stored` as `version`. */
  private accept(version: number, savedAt: string, stored: WorksheetAnswers) {
    const upToDate = this.state.answers === stored || sameAnswers(this.ws, this.state.answers, stored);
    if (upToDate) {
      this.drafts?.clear();
      this.set({ version, savedAt, status: 'saved', message: null });
      return;
    }
    // Typed more while it was saving: keep the newer words and save them next, on top of the new version.
    this.set({ version, savedAt });
    this.keepLocally(this.state.answers);
    const problem = limitProblems(this.ws, this.state.answers)[0];
    if (problem) {
      this.set({ status: 'blocked', message: `${problem.where}: ${problem.message}` });
      return;
    }
    this.set({ status: 'pending', message: null });
    this.schedule(this.delayMs);
  }

  /**
   * The learner chose a version: 'mine' (what is on this page) or the key of another choice. The choice is saved
   * on top of the server's version; versions not chosen were shown side by side and set aside knowingly.
   */
  choose(key: string) {
    const conflict = this.state.conflict;
    if (!conflict) return;
    const chosen = key === 'mine' ? this.state.answers : conflict.others.find((c) => c.key === key)?.answers;
    if (!chosen) return;
    this.drafts?.remove(conflict.adopt);
    const server = conflict.others.find((c) => c.key === 'server');
    this.attempt = 0;
    this.set({ conflict: null, version: conflict.serverVersion, answers: chosen, status: 'pending', message: null, restoredAt: null });
    if (server && sameAnswers(this.ws, chosen, server.answers)) {
      this.drafts?.clear();
      this.set({ status: 'saved', savedAt: server.at ?? this.state.savedAt });
      return;
    }
    this.edit(chosen);
    this.cancelTimer();
    void this.send();
  }

  dispose() {
    this.cancelTimer();
    this.listeners.clear();
  }
}
