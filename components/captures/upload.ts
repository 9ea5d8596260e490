import { removeCapture, updateCapture, type QueuedCapture } from './store';

/**
 * Sends one queued capture with the server's resumable protocol (lib/captures/http.ts): declare it (the same key finds
 * the same upload, and says how much already arrived), send the rest in pieces from the offset the server reports,
 * then ask for the evidence. Any network failure leaves the capture queued for the next try; a refusal (4xx) is
 * recorded on it for the learner to see.
 */

/** Small enough to get through on one bar of signal; a dropped piece costs at most this much again. */
const PIECE_BYTES = 256 * 1024;

class Refused extends Error {}

async function answer(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status >= 400 && res.status < 500 && res.status !== 409 && res.status !== 408 && res.status !== 429)
    throw new Refused(typeof body.error === 'string' ? body.error : 'The portal refused this capture.');
  if (!res.ok && res.status !== 409) throw new Error(`upload answered ${res.status}`);
  return body;
}

export type Progress = (key: string, sent: number) => void;

/** Resolves true when the capture is evidence now (and gone from the queue), false when it must wait for later. */
async function uploadCapture(item: QueuedCapture, onProgress: Progress): Promise<boolean> {
  try {
    const started = await answer(
      await fetch('/api/uploads', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          idempotencyKey: item.key,
          fileName: item.fileName,
          type: item.type,
          size: item.size,
          sha256: item.sha256,
        }),
      }),
    );
    const id = String(started.id);
    let at = Number(started.receivedBytes ?? 0);
    await updateCapture(item.key, { uploadId: id, sent: at, error: undefined });
    onProgress(item.key, at);
    while (!started.evidenceId && at < item.size) {
      const piece = item.blob.slice(at, Math.min(at + PIECE_BYTES, item.size));
      const res = await fetch(`/api/uploads/${id}?offset=${at}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: piece,
      });
      const body = await answer(res);
      // 409: the server has a different amount (a piece whose answer was lost); carry on from what it has.
      at =
        res.status === 409
          ? Number((body.current as { receivedBytes?: number } | undefined)?.receivedBytes ?? 0)
          : Number(body.receivedBytes);
      await updateCapture(item.key, { sent: at });
      onProgress(item.key, at);
    }
    const done = await answer(
      await fetch(`/api/uploads/${id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: item.title,
          occurredOn: item.occurredOn,
          description: item.description,
          criteria: item.criteria,
        }),
      }),
    );
    if (!done.evidenceId) return false;
    await removeCapture(item.key);
    return true;
  } catch (e) {
    if (e instanceof Refused) await updateCapture(item.key, { error: e.message });
    return false;
  }
}

let running: Promise<void> | undefined;

/**
 * Sends every queued capture of `userId` that has not been refused, one at a time. One run at a time in this tab;
 * across tabs a Web Lock (where there is one) keeps two tabs from sending the same piece (the server would refuse
 * the second anyway: the offset is checked).
 */
export function sendQueue(
  items: () => Promise<QueuedCapture[]>,
  on: { progress: Progress; uploaded: (item: QueuedCapture) => void; changed: () => void },
) {
  running ??= (async () => {
    // Reads the queue again after each capture, so one saved while this run was sending goes in the same run.
    const work = async () => {
      const tried = new Set<string>();
      for (;;) {
        const next = (await items()).find((i) => !i.error && !tried.has(i.key));
        if (!next || !navigator.onLine) return;
        tried.add(next.key);
        if (await uploadCapture(next, on.progress)) on.uploaded(next);
        on.changed();
      }
    };
    try {
      if (navigator.locks) await navigator.locks.request('criterion-captures', work);
      else await work();
    } finally {
      running = undefined;
      on.changed();
    }
  })();
  return running;
}
