/**
 * Versioned autosave, as a plain state machine with no React and no browser globals (timers, storage and "is the
 * browser online" come in as adapters), so every path through it runs under fake timers in node. The worksheet,
 * the report draft and the assessor's notes each configure one; useAutosave.ts connects it to React and the page.
 *
 * - Each edit is kept in the browser (KeptCopies) and sent after a pause in typing.
 * - One save in flight at a time; each names the version it was typed on, and the server refuses stale ones (409).
 *   Whatever is typed while a save is in flight goes in the next save, on top of the version that save made.
 * - A failed send (offline, server error) is retried with back-off, and at once when the browser comes back online.
 * - A 409 whose stored value is what this page already sent (a save whose reply was lost) is not a conflict: the
 *   page takes the new version and carries on. Any other 409 stops saving until the person chooses a version; both
 *   versions are kept meanwhile, and typing goes on into "mine".
 * - A value the form itself knows the server will refuse (over a limit) is not sent; a refused save (400) waits for
 *   the next edit; an ended session (401) waits for the person to come back to the tab, signed in again.
 */
import { planLoad, type Choice, type KeptCopyStore } from './kept-copies';

/** What the server holds: a value at a version. */
export interface Stored<T> {
  value: T;
  version: number;
  /** ISO time of the save; null when nothing has been saved yet. */
  savedAt: string | null;
}

export type AutosaveStatus =
  | 'saved' // the server has exactly what is on the page
  | 'pending' // waiting for a pause in typing
  | 'saving'
  | 'retrying' // send failed; trying again
  | 'blocked' // the value breaks a limit the form knows about: fix it first (nothing sent)
  | 'invalid' // the server refused the value (400): the next edit tries again
  | 'conflict' // another tab or device saved something else: the person chooses
  | 'signed-out'
  | 'forbidden';

export interface Conflict<T> {
  /** The version a resolved save must name. */
  serverVersion: number;
  /** When "mine" is a copy this browser kept from an earlier visit, when it was last edited. */
  mineEditedAt: string | null;
  /** The versions beside "mine" (which is always the page's current value). */
  others: Choice<T>[];
  /** Kept-copy slots to drop once the person has chosen. */
  adopt: string[];
}

export interface AutosaveState<T> {
  value: T;
  version: number;
  status: AutosaveStatus;
  /** Why it is not saved, in the person's words. */
  message: string | null;
  savedAt: string | null;
  conflict: Conflict<T> | null;
  /** False when this browser refused to keep a copy (storage full or disabled). */
  keptLocally: boolean;
  /** Set when a copy kept on this device was put back on opening the page. */
  restoredAt: string | null;
  /** With 'retrying': the last send never reached the server (no connection), rather than the server failing. */
  unreachable: boolean;
}

export type SaveResponse<T> =
  | { kind: 'saved'; version: number; savedAt: string }
  /** `current` null: the server holds nothing at all (a draft never saved, or removed). */
  | { kind: 'conflict'; current: Stored<T> | null; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'signed-out'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'retry'; message: string; unreachable?: boolean };

export type Transport<T> = (
  body: { version: number; value: T },
  opts: { keepalive: boolean },
) => Promise<SaveResponse<T>>;

interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface AutosaveOptions<T> {
  initial: Stored<T>;
  transport: Transport<T>;
  /** Whether two values say the same (after whatever normalising the feature does). */
  equal(a: T, b: T): boolean;
  /** Why this value must not be sent yet (it breaks a limit), in the person's words; null when it may be. */
  problem?(value: T): string | null;
  /** The value the server holds when it holds nothing (a conflict reply without a stored copy). */
  empty: T;
  keep?: KeptCopyStore<T> | null;
  /** The pause in typing before a save. */
  delayMs?: number;
  /** The pause before writing the kept copy: 0 writes on every edit; a long text may want a short wait. */
  keepDelayMs?: number;
  maxBackoffMs?: number;
  timers?: Timers;
  isOnline?: () => boolean;
  /** 0..1, for the jitter on retry delays. */
  random?: () => number;
}

const STOPPED: AutosaveStatus[] = ['conflict', 'signed-out', 'forbidden'];
/** Statuses a timer (or the browser coming back online) sends from. */
const SENDABLE: AutosaveStatus[] = ['pending', 'saving', 'retrying', 'signed-out'];
/** An explicit "save now" (hand-in, submit, leaving) also tries a value the server refused before. */
const SENDABLE_NOW: AutosaveStatus[] = [...SENDABLE, 'invalid'];

export class AutosaveEngine<T> {
  private state: AutosaveState<T>;
  private readonly listeners = new Set<() => void>();
  private timer: unknown = null;
  private keepTimer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private attempt = 0;
  /** Values sent whose reply never came: if the server has one of them, it was this page that saved it. */
  private unacknowledged: { version: number; value: T }[] = [];
  private keep: KeptCopyStore<T> | null;
  private readonly opts: Required<Omit<AutosaveOptions<T>, 'problem' | 'keep'>> & Pick<AutosaveOptions<T>, 'problem'>;

  constructor(opts: AutosaveOptions<T>) {
    this.keep = opts.keep ?? null;
    this.opts = {
      delayMs: 800,
      keepDelayMs: 0,
      maxBackoffMs: 30_000,
      timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
      isOnline: () => true,
      random: Math.random,
      ...opts,
    };
    this.state = {
      value: opts.initial.value,
      version: opts.initial.version,
      status: 'saved',
      message: null,
      savedAt: opts.initial.savedAt,
      conflict: null,
      keptLocally: true,
      restoredAt: null,
      unreachable: false,
    };
  }

  // --- for React's useSyncExternalStore ---
  getState = (): AutosaveState<T> => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  private set(patch: Partial<AutosaveState<T>>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  get dirty(): boolean {
    return this.state.status !== 'saved';
  }

  /**
   * The browser's kept copies arrive after the first render (there is no localStorage on the server). Looks at
   * what they hold: a copy typed on the version the server still has is put back; copies that disagree with the
   * server (or each other) are shown side by side for the person to choose.
   */
  open(keep: KeptCopyStore<T>) {
    this.keep = keep;
    const { value, version, savedAt } = this.state;
    const plan = planLoad(this.opts.equal, { value, version, savedAt }, keep.list());
    if (plan.kind === 'server') keep.remove(plan.discard);
    else if (plan.kind === 'restore') this.restore(plan.value, plan.editedAt, plan.adopt);
    else this.askToChoose(plan.mine, plan.mineEditedAt, plan.others, plan.adopt);
  }

  /** A copy kept on this device that the server does not have, typed on its latest version: put it back and save it. */
  restore(value: T, editedAt: string, adopt: string[]) {
    this.state = { ...this.state, restoredAt: editedAt };
    this.keep?.remove(adopt);
    this.edit(value);
  }

  /** Versions that disagree: show them and let the person choose. */
  askToChoose(mine: T, mineEditedAt: string, others: Choice<T>[], adopt: string[]) {
    this.cancelTimer();
    this.set({
      value: mine,
      status: 'conflict',
      message: 'There is more than one version of your work. Choose which one to keep.',
      conflict: { serverVersion: this.state.version, mineEditedAt, others, adopt },
    });
    this.keepLocally();
  }

  /** The person changed something. */
  edit(value: T) {
    if (STOPPED.includes(this.state.status)) {
      this.set({ value });
      this.keepLocally();
      return;
    }
    const problem = this.opts.problem?.(value) ?? null;
    if (problem) {
      this.cancelTimer();
      this.set({ value, status: 'blocked', message: problem });
      this.keepLocally();
      return;
    }
    if (this.state.status === 'retrying') {
      // Keep the back-off: the retry sends whatever is on the page by then.
      this.set({ value });
      this.keepLocally();
      return;
    }
    this.set({ value, status: this.state.status === 'saving' ? 'saving' : 'pending', message: null });
    this.keepLocally();
    this.schedule(this.opts.delayMs);
  }

  /** Keeps the page's value in the browser, at once or after `keepDelayMs` (a long report is not copied per keystroke). */
  private keepLocally() {
    if (!this.keep) return;
    if (this.opts.keepDelayMs <= 0) {
      this.writeKept();
      return;
    }
    if (this.keepTimer !== null) this.opts.timers.clear(this.keepTimer);
    this.keepTimer = this.opts.timers.set(() => {
      this.keepTimer = null;
      this.writeKept();
    }, this.opts.keepDelayMs);
  }

  private writeKept() {
    if (!this.keep) return;
    if (this.keepTimer !== null) this.opts.timers.clear(this.keepTimer);
    this.keepTimer = null;
    const ok = this.keep.save(this.state.value, this.state.version);
    if (ok !== this.state.keptLocally) this.set({ keptLocally: ok });
  }

  private dropKept() {
    if (this.keepTimer !== null) this.opts.timers.clear(this.keepTimer);
    this.keepTimer = null;
    this.keep?.clear();
  }

  private cancelTimer() {
    if (this.timer !== null) this.opts.timers.clear(this.timer);
    this.timer = null;
  }

  private schedule(ms: number) {
    this.cancelTimer();
    this.timer = this.opts.timers.set(() => {
      this.timer = null;
      void this.send(SENDABLE);
    }, ms);
  }

  /**
   * Save now (hand-in, submit, upload, leaving the page). Keeps going while the person typed more during a save;
   * stops at the first failure. Resolves true when the server has exactly what is on the page.
   */
  async flush(): Promise<boolean> {
    this.cancelTimer();
    if (this.inFlight) await this.inFlight;
    while (SENDABLE_NOW.includes(this.state.status)) {
      await this.send(SENDABLE_NOW);
      if (this.inFlight) await this.inFlight;
      // 'pending' again: the save went through and newer words arrived meanwhile. Anything else ends it.
      if (this.state.status !== 'pending') break;
    }
    this.cancelTimer();
    return this.state.status === 'saved';
  }

  /** The browser is back online, or the person came back to the tab (maybe after signing in again). */
  resume() {
    if (this.state.status === 'retrying' || this.state.status === 'signed-out') {
      this.attempt = 0;
      this.cancelTimer();
      void this.send(SENDABLE);
    }
  }

  /**
   * The person came back to this tab and the server has a newer version (saved from another tab or device).
   * With nothing unsaved here, show the newer value, so typing here does not start from stale text.
   */
  adoptNewer(copy: Stored<T>) {
    if (this.state.status !== 'saved' || copy.version <= this.state.version) return;
    this.set({ value: copy.value, version: copy.version, savedAt: copy.savedAt });
  }

  /** The server now holds `copy` because of something other than autosave (an upload): show it as saved. */
  replace(copy: Stored<T>) {
    this.cancelTimer();
    this.unacknowledged = [];
    this.attempt = 0;
    this.dropKept();
    this.set({
      value: copy.value,
      version: copy.version,
      savedAt: copy.savedAt ?? this.state.savedAt,
      status: 'saved',
      message: null,
      conflict: null,
      restoredAt: null,
      unreachable: false,
    });
  }

  /** The work is finished elsewhere (a decision was recorded): no kept copy should come back. */
  discardKept() {
    this.dropKept();
  }

  /** The page is going away: write the kept copy now and make one last try with keepalive. */
  leave() {
    const { status, value, version } = this.state;
    if (status === 'saved') return;
    this.writeKept();
    if (status === 'blocked' || STOPPED.includes(status)) return;
    this.unacknowledged.push({ version, value });
    this.opts.transport({ version, value }, { keepalive: true }).catch(() => {});
  }

  /** Writes the kept copy now rather than after `keepDelayMs` (the page or the form is going away). */
  keepNow() {
    if (this.state.status !== 'saved') this.writeKept();
  }

  /** Would closing the page now lose words? Only when they are unsaved and this browser has no copy of them. */
  wouldLoseWork(): boolean {
    if (this.state.status === 'saved') return false;
    this.writeKept();
    return !this.state.keptLocally;
  }

  private async send(allowed: AutosaveStatus[]): Promise<void> {
    if (this.inFlight) {
      // Whatever is typed meanwhile goes in the next save.
      await this.inFlight;
      if (this.state.status === 'pending') this.schedule(0);
      return;
    }
    const { status, value, version } = this.state;
    if (!allowed.includes(status)) return;
    this.set({ status: 'saving' });
    this.inFlight = (async () => {
      let res: SaveResponse<T>;
      try {
        res = await this.opts.transport({ version, value }, { keepalive: false });
      } catch {
        res = { kind: 'retry', message: 'The connection dropped.', unreachable: true };
      }
      this.handle(res, version, value);
    })();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private handle(res: SaveResponse<T>, sentVersion: number, sent: T) {
    const { equal } = this.opts;
    switch (res.kind) {
      case 'saved':
        this.unacknowledged = [];
        this.attempt = 0;
        this.accept(res.version, res.savedAt, sent);
        return;
      case 'conflict': {
        const current: Stored<T> = res.current ?? { value: this.opts.empty, version: 0, savedAt: null };
        const ours =
          (res.current !== null && equal(current.value, sent)) ||
          this.unacknowledged.some((u) => u.version < current.version && equal(u.value, current.value));
        this.unacknowledged = [];
        if (ours) {
          this.accept(current.version, current.savedAt ?? new Date().toISOString(), current.value);
          return;
        }
        this.cancelTimer();
        this.set({
          status: 'conflict',
          message: res.message,
          conflict: {
            serverVersion: current.version,
            mineEditedAt: null,
            others: [{ key: 'server', origin: 'server', value: current.value, at: current.savedAt }],
            adopt: [],
          },
        });
        return;
      }
      case 'retry': {
        this.unacknowledged.push({ version: sentVersion, value: sent });
        if (this.unacknowledged.length > 10) this.unacknowledged.shift();
        this.attempt += 1;
        // Offline: the 'online' event calls resume(); the slow timer is only a fallback.
        const { maxBackoffMs, isOnline, random } = this.opts;
        const base = isOnline() ? Math.min(1000 * 2 ** (this.attempt - 1), maxBackoffMs) : maxBackoffMs;
        const delay = Math.round(base * (0.8 + random() * 0.4));
        this.set({ status: 'retrying', message: res.message, unreachable: res.unreachable === true });
        this.schedule(delay);
        return;
      }
      case 'invalid':
      case 'signed-out':
      case 'forbidden':
        this.set({ status: res.kind, message: res.message });
        return;
    }
  }

  /** The server now holds `stored` as `version`. */
  private accept(version: number, savedAt: string, stored: T) {
    const upToDate = this.state.value === stored || this.opts.equal(this.state.value, stored);
    if (upToDate) {
      this.dropKept();
      this.set({ version, savedAt, status: 'saved', message: null, unreachable: false });
      return;
    }
    // Typed more while it was saving: keep the newer words and save them next, on top of the new version.
    this.set({ version, savedAt, unreachable: false });
    this.keepLocally();
    const problem = this.opts.problem?.(this.state.value) ?? null;
    if (problem) {
      this.set({ status: 'blocked', message: problem });
      return;
    }
    this.set({ status: 'pending', message: null });
    this.schedule(this.opts.delayMs);
  }

  /**
   * The person chose a version: 'mine' (what is on this page) or the key of another choice. The choice is saved
   * on top of the server's version; versions not chosen were shown side by side and set aside knowingly.
   */
  choose(key: string) {
    const conflict = this.state.conflict;
    if (!conflict) return;
    const chosen = key === 'mine' ? this.state.value : conflict.others.find((c) => c.key === key)?.value;
    if (chosen === undefined) return;
    this.keep?.remove(conflict.adopt);
    const server = conflict.others.find((c) => c.key === 'server');
    this.attempt = 0;
    this.set({
      conflict: null,
      version: conflict.serverVersion,
      value: chosen,
      status: 'pending',
      message: null,
      restoredAt: null,
    });
    if (server && this.opts.equal(chosen, server.value)) {
      this.dropKept();
      this.set({ status: 'saved', savedAt: server.at ?? this.state.savedAt });
      return;
    }
    this.edit(chosen);
    this.cancelTimer();
    void this.send(SENDABLE);
  }

  dispose() {
    this.cancelTimer();
    if (this.keepTimer !== null) this.opts.timers.clear(this.keepTimer);
    this.keepTimer = null;
    this.listeners.clear();
  }
}
