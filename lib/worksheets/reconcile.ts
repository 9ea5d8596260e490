/**
 * When a worksheet page opens: which answers to show, given what the server has and what this browser kept.
 * Rule: never drop words the learner has not seen saved. A kept copy typed on top of the version the server still
 * has is simply restored; anything else that differs from the server is put side by side for the learner to choose.
 */
import { sameAnswers, type Worksheet, type WorksheetAnswers } from './answers';
import type { StoredDraft } from './local-drafts';

export interface ServerCopy {
  version: number;
  answers: WorksheetAnswers;
  savedAt: string | null;
}

export interface Choice {
  key: string;
  origin: 'server' | 'device';
  answers: WorksheetAnswers;
  /** ISO time it was saved (server) or last edited (device). */
  at: string | null;
}

export type LoadPlan =
  | { kind: 'server'; discard: string[] }
  | { kind: 'restore'; answers: WorksheetAnswers; editedAt: string; adopt: string[] }
  | { kind: 'choose'; mine: WorksheetAnswers; mineEditedAt: string; others: Choice[]; adopt: string[] };

export function planLoad(ws: Worksheet, server: ServerCopy, drafts: StoredDraft[]): LoadPlan {
  const newestFirst = [...drafts].sort((a, b) => b.editedAt - a.editedAt);
  const differing: StoredDraft[] = [];
  const discard: string[] = [];
  for (const d of newestFirst) {
    const duplicate = sameAnswers(ws, d.answers, server.answers) || differing.some((x) => sameAnswers(ws, x.answers, d.answers));
    if (duplicate) discard.push(d.tab);
    else differing.push(d);
  }
  if (differing.length === 0) return { kind: 'server', discard };

  const all = newestFirst.map((d) => d.tab);
  const [newest] = differing;
  const iso = (ms: number) => new Date(ms).toISOString();
  if (differing.length === 1 && newest.baseVersion >= server.version) {
    return { kind: 'restore', answers: newest.answers, editedAt: iso(newest.editedAt), adopt: all };
  }
  const others: Choice[] = [];
  if (server.version > 0) others.push({ key: 'server', origin: 'server', answers: server.answers, at: server.savedAt });
  for (const d of differing.slice(1)) others.push({ key: `device:${d.tab}`, origin: 'device', answers: d.answers, at: iso(d.editedAt) });
  if (others.length === 0) return { kind: 'restore', answers: newest.answers, editedAt: iso(newest.editedAt), adopt: all };
  return { kind: 'choose', mine: newest.answers, mineEditedAt: iso(newest.editedAt), others, adopt: all };
}
