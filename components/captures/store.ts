import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The phone's own queue of captures not yet uploaded, in IndexedDB (through idb, a 1 kB wrapper that turns its
 * events into promises): it survives a closed tab, a crash and a restart. Each capture is keyed by the id the phone
 * gave it, which is also the idempotency key the server knows it by, and filed under the signed-in learner's id, so
 * two people sharing a phone never see or send each other's.
 */

/** A photo, voice note or video, or a written note (sent as UTF-8 text, made into a written account). */
export type CaptureKind = 'photo' | 'audio' | 'video' | 'text';

export interface QueuedCapture {
  key: string;
  userId: string;
  kind: CaptureKind;
  blob: Blob;
  fileName: string;
  type: string;
  size: number;
  sha256: string;
  title: string;
  occurredOn: string;
  description: string;
  criteria: { id: string; note: string }[];
  createdAt: number;
  /** Bytes the server has confirmed (for the progress bar; the server's answer always decides where to resume). */
  sent: number;
  uploadId?: string;
  /** Set when the server refused the capture: shown with Retry and Remove; not retried on its own. */
  error?: string;
}

interface CaptureDb extends DBSchema {
  captures: { key: string; value: QueuedCapture; indexes: { byUser: string } };
}

let opened: Promise<IDBPDatabase<CaptureDb>> | undefined;

function db(): Promise<IDBPDatabase<CaptureDb>> {
  opened ??= openDB<CaptureDb>('criterion-captures', 1, {
    upgrade(d) {
      d.createObjectStore('captures', { keyPath: 'key' }).createIndex('byUser', 'userId');
    },
  });
  return opened;
}

export async function queuedFor(userId: string): Promise<QueuedCapture[]> {
  const items = await (await db()).getAllFromIndex('captures', 'byUser', userId);
  return items.sort((a, b) => a.createdAt - b.createdAt);
}

export async function putCapture(item: QueuedCapture): Promise<void> {
  await (await db()).put('captures', item);
}

/** Changes a stored capture, if it is still there (it may have been removed in another tab). */
export async function updateCapture(key: string, change: Partial<QueuedCapture>): Promise<void> {
  const d = await db();
  const tx = d.transaction('captures', 'readwrite');
  const item = await tx.store.get(key);
  if (item) await tx.store.put({ ...item, ...change });
  await tx.done;
}

export async function removeCapture(key: string): Promise<void> {
  await (await db()).delete('captures', key);
}

/** Every capture waiting on this device, whoever took it: what signing out would leave behind. */
export async function waitingOnDevice(): Promise<number> {
  if (typeof indexedDB === 'undefined') return 0;
  return (await db()).count('captures');
}
