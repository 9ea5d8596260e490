/**
 * The browser's own copy of answers that have not reached the server yet (offline, server down, tab closed mid-save).
 * One localStorage key per learner and worksheet; inside it, one slot per open page, so two tabs typing offline
 * never overwrite each other's words. A page clears its slot once the server has its answers; a reload adopts the
 * slots left behind (see reconcile.ts).
 */
import type { WorksheetAnswers } from './answers';

export interface StoredDraft {
  /** Which page wrote it (a random id per page load). */
  tab: string;
  answers: WorksheetAnswers;
  /** The server version these answers were typed on top of. */
  baseVersion: number;
  /** ms since epoch, for "edited at" and to show the newest first. */
  editedAt: number;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function draftKey(learnerId: string, slug: string): string {
  return `criterion:worksheet-draft:${learnerId}:${slug}`;
}

function isDraft(v: unknown): v is StoredDraft {
  const d = v as StoredDraft;
  return !!d && typeof d === 'object' && typeof d.tab === 'string' && typeof d.baseVersion === 'number'
    && typeof d.editedAt === 'number' && !!d.answers && typeof d.answers === 'object' && !Array.isArray(d.answers);
}

export class LocalDrafts {
  constructor(
    private readonly storage: StorageLike | null,
    private readonly key: string,
    readonly tab: string,
    private readonly now: () => number = Date.now,
  ) {}

  private readAll(): Record<string, StoredDraft> {
    try {
      const raw = this.storage?.getItem(this.key);
      const parsed = raw ? (JSON.parse(raw) as unknown) : {};
      if (!parsed || typeof parsed !== 'object') return {};
      return Object.fromEntries(Object.entries(parsed).filter(([, d]) => isDraft(d))) as Record<string, StoredDraft>;
    } catch {
      return {};
    }
  }

  private writeAll(all: Record<string, StoredDraft>): boolean {
    if (!this.storage) return false;
    try {
      if (Object.keys(all).length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify(all));
      return true;
    } catch {
      // Storage full or disabled (private mode): the caller tells the learner this browser keeps no copy.
      return false;
    }
  }

  /** Every slot, this page's included, newest first. */
  list(): StoredDraft[] {
    return Object.values(this.readAll()).sort((a, b) => b.editedAt - a.editedAt);
  }

  /** Keeps this page's answers. Returns false when the browser would not store them. */
  save(answers: WorksheetAnswers, baseVersion: number): boolean {
    const all = this.readAll();
    all[this.tab] = { tab: this.tab, answers, baseVersion, editedAt: this.now() };
    return this.writeAll(all);
  }

  /** The server has this page's answers: nothing to keep. */
  clear(): void {
    const all = this.readAll();
    if (!(this.tab in all)) return;
    delete all[this.tab];
    this.writeAll(all);
  }

  /** Slots this page has taken over (restored or deliberately set aside by the learner). */
  remove(tabs: string[]): void {
    const all = this.readAll();
    let changed = false;
    for (const t of tabs) if (t !== this.tab && t in all) { delete all[t]; changed = true; }
    if (changed) this.writeAll(all);
  }
}

export function newTabId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
