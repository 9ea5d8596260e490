/**
 * The browser's own copy of work that has not reached the server yet (offline, server down, tab closed mid-save).
 * One localStorage key per person and piece of work; inside it, one slot per open page, so two tabs typing offline
 * never overwrite each other's words. A page clears its slot once the server has its value; a reload adopts the
 * slots left behind (planLoad below).
 *
 * Copies written by earlier releases stay readable, so a draft left unsent yesterday comes back after an update:
 * worksheet slots named their value `answers`, and the report and assessment pages kept one copy per key as
 * `{ value, baseVersion, at }`.
 */
import type { Stored } from './engine';

export interface KeptCopy<T> {
  /** Which page wrote it (a random id per page load). */
  tab: string;
  value: T;
  /** The server version this value was typed on top of. */
  baseVersion: number;
  /** ms since epoch, for "edited at" and to show the newest first. */
  editedAt: number;
}

/** What the engine needs from the kept copies (tests pass an in-memory one). */
export interface KeptCopyStore<T> {
  /** Every slot, this page's included, newest first. */
  list(): KeptCopy<T>[];
  /** Keeps this page's value. Returns false when the browser would not store it. */
  save(value: T, baseVersion: number): boolean;
  /** The server has this page's value: nothing to keep. */
  clear(): void;
  /** Slots this page has taken over (restored, or deliberately set aside by the person). */
  remove(tabs: string[]): void;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A stored value read back, or null when it is not one (damaged, or from some other program). */
export type ParseValue<T> = (raw: unknown) => T | null;

/** The slot name a single copy from before per-tab slots is read under. */
const LEGACY_TAB = 'earlier-release';

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export class KeptCopies<T> implements KeptCopyStore<T> {
  constructor(
    private readonly storage: StorageLike | null,
    private readonly key: string,
    readonly tab: string,
    private readonly parse: ParseValue<T>,
    private readonly now: () => number = Date.now,
  ) {}

  private slot(raw: unknown, tab: string): KeptCopy<T> | null {
    if (!isRecord(raw) || typeof raw.baseVersion !== 'number') return null;
    const value = this.parse('value' in raw ? raw.value : raw.answers);
    if (value === null) return null;
    const editedAt =
      typeof raw.editedAt === 'number' ? raw.editedAt : typeof raw.at === 'string' ? Date.parse(raw.at) : NaN;
    return { tab, value, baseVersion: raw.baseVersion, editedAt: Number.isFinite(editedAt) ? editedAt : 0 };
  }

  private readAll(): Record<string, KeptCopy<T>> {
    let parsed: unknown;
    try {
      const raw = this.storage?.getItem(this.key);
      parsed = raw ? JSON.parse(raw) : {};
    } catch {
      return {};
    }
    if (!isRecord(parsed)) return {};
    if (typeof parsed.baseVersion === 'number' && 'value' in parsed) {
      const legacy = this.slot(parsed, LEGACY_TAB);
      return legacy ? { [LEGACY_TAB]: legacy } : {};
    }
    const all: Record<string, KeptCopy<T>> = {};
    for (const [tab, raw] of Object.entries(parsed)) {
      const copy = this.slot(raw, tab);
      if (copy) all[tab] = copy;
    }
    return all;
  }

  private writeAll(all: Record<string, KeptCopy<T>>): boolean {
    if (!this.storage) return false;
    try {
      if (Object.keys(all).length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify(all));
      return true;
    } catch {
      // Storage full or disabled (private mode): the status tells the person this browser keeps no copy.
      return false;
    }
  }

  list(): KeptCopy<T>[] {
    return Object.values(this.readAll()).sort((a, b) => b.editedAt - a.editedAt);
  }

  save(value: T, baseVersion: number): boolean {
    const all = this.readAll();
    all[this.tab] = { tab: this.tab, value, baseVersion, editedAt: this.now() };
    return this.writeAll(all);
  }

  clear(): void {
    const all = this.readAll();
    if (!(this.tab in all)) return;
    delete all[this.tab];
    this.writeAll(all);
  }

  remove(tabs: string[]): void {
    const all = this.readAll();
    let changed = false;
    for (const t of tabs) {
      if (t !== this.tab && t in all) {
        delete all[t];
        changed = true;
      }
    }
    if (changed) this.writeAll(all);
  }
}

export function newTabId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A version to choose from when versions disagree. */
export interface Choice<T> {
  key: string;
  origin: 'server' | 'device';
  value: T;
  /** ISO time it was saved (server) or last edited (device). */
  at: string | null;
}

export type LoadPlan<T> =
  | { kind: 'server'; discard: string[] }
  | { kind: 'restore'; value: T; editedAt: string; adopt: string[] }
  | { kind: 'choose'; mine: T; mineEditedAt: string; others: Choice<T>[]; adopt: string[] };

/**
 * When a page opens: which value to show, given what the server has and what this browser kept. Rule: never drop
 * words the person has not seen saved. A kept copy typed on top of the version the server still has is simply
 * restored; anything else that differs from the server is put side by side for the person to choose.
 */
export function planLoad<T>(equal: (a: T, b: T) => boolean, server: Stored<T>, copies: KeptCopy<T>[]): LoadPlan<T> {
  const newestFirst = [...copies].sort((a, b) => b.editedAt - a.editedAt);
  const differing: KeptCopy<T>[] = [];
  const discard: string[] = [];
  for (const d of newestFirst) {
    const duplicate = equal(d.value, server.value) || differing.some((x) => equal(x.value, d.value));
    if (duplicate) discard.push(d.tab);
    else differing.push(d);
  }
  if (differing.length === 0) return { kind: 'server', discard };

  const all = newestFirst.map((d) => d.tab);
  const [newest] = differing;
  const iso = (ms: number) => new Date(ms).toISOString();
  if (differing.length === 1 && newest.baseVersion >= server.version) {
    return { kind: 'restore', value: newest.value, editedAt: iso(newest.editedAt), adopt: all };
  }
  const others: Choice<T>[] = [];
  if (server.version > 0) others.push({ key: 'server', origin: 'server', value: server.value, at: server.savedAt });
  for (const d of differing.slice(1))
    others.push({ key: `device:${d.tab}`, origin: 'device', value: d.value, at: iso(d.editedAt) });
  if (others.length === 0) return { kind: 'restore', value: newest.value, editedAt: iso(newest.editedAt), adopt: all };
  return { kind: 'choose', mine: newest.value, mineEditedAt: iso(newest.editedAt), others, adopt: all };
}
