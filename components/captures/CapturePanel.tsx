'use client';
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { CriteriaPicker, type Mapping } from '@/components/evidence/CriteriaPicker';
import { Alert } from '@/components/ui/Alert';
import { Button, buttonClass } from '@/components/ui/Button';
import { inputClass, labelClass } from '@/components/ui/Field';
import type { PickerModule } from '@/lib/evidence/picker-types';
import { putCapture, queuedFor, removeCapture, updateCapture, type CaptureKind, type QueuedCapture } from './store';
import { useServiceWorker } from '@/components/shell/service-worker';

interface Props {
  userId: string;
  picker: { modules: PickerModule[]; equivalents: Record<string, string[]> };
  limits: {
    title: number;
    description: number;
    note: number;
    body: number;
    mb: Record<Exclude<CaptureKind, 'text'>, number>;
  };
}

interface Captured {
  kind: CaptureKind;
  blob: Blob;
  fileName: string;
  type: string;
  url: string;
}

function subscribeOnline(change: () => void) {
  window.addEventListener('online', change);
  window.addEventListener('offline', change);
  return () => {
    window.removeEventListener('online', change);
    window.removeEventListener('offline', change);
  };
}

const KIND_LABEL: Record<CaptureKind, string> = { photo: 'Photo', audio: 'Voice note', video: 'Video', text: 'Note' };

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const defaultTitle = (kind: CaptureKind) =>
  `${KIND_LABEL[kind]}, ${new Date().toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}`;

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** The extension the server expects for what a recorder produced (lib/files/types.ts). */
function recordingName(type: string, kind: 'audio' | 'video'): string {
  const base = kind === 'audio' ? 'voice-note' : 'video';
  if (type.includes('mp4')) return `${base}.${kind === 'audio' ? 'm4a' : 'mp4'}`;
  if (type.includes('ogg')) return `${base}.ogg`;
  return `${base}.webm`;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Capture evidence on a phone, with or without a signal: a photo or video from the camera, a voice note from the
 * microphone, a title, the criteria; saving puts it in this device's queue (IndexedDB), which uploads by itself when
 * there is a connection (on opening the page, when the phone comes back online, and when the service worker's
 * background sync wakes it).
 */
export function CapturePanel({ userId, picker, limits }: Props) {
  const id = useId();
  const [captured, setCaptured] = useState<Captured | null>(null);
  const [title, setTitle] = useState('');
  const [occurredOn, setOccurredOn] = useState(today);
  const [description, setDescription] = useState('');
  const [criteria, setCriteria] = useState<Mapping[]>([]);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState('');
  /** A written note being typed (null: not writing one). */
  const [note, setNote] = useState<string | null>(null);
  const [queue, setQueue] = useState<QueuedCapture[] | null>(null);
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [uploaded, setUploaded] = useState<string[]>([]);
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const [recording, setRecording] = useState<{ seconds: number } | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  useServiceWorker();

  const refresh = useCallback(async () => setQueue(await queuedFor(userId)), [userId]);

  const sync = useCallback(() => {
    if (!navigator.onLine) return;
    // The uploader loads when there is something to do, not with the page.
    void import('./upload').then(({ sendQueue }) =>
      sendQueue(() => queuedFor(userId), {
        progress: (key, sent) => setProgress((p) => ({ ...p, [key]: sent })),
        uploaded: (item) => setUploaded((u) => [...u, item.title]),
        changed: () => void queuedFor(userId).then(setQueue),
      }),
    );
  }, [userId]);

  useEffect(() => {
    void queuedFor(userId).then((items) => {
      setQueue(items);
      sync();
    });
    const on = () => sync();
    // The service worker's background sync (public/sw.js) asks an open page to send the queue.
    const message = (e: MessageEvent) => {
      if ((e.data as { type?: string } | null)?.type === 'sync-captures') sync();
    };
    window.addEventListener('online', on);
    navigator.serviceWorker?.addEventListener('message', message);
    return () => {
      window.removeEventListener('online', on);
      navigator.serviceWorker?.removeEventListener('message', message);
    };
  }, [userId, sync]);

  function take(kind: Exclude<CaptureKind, 'text'>, blob: Blob, fileName: string, type: string) {
    setNote(null);
    if (captured) URL.revokeObjectURL(captured.url);
    setError('');
    setSaved('');
    if (blob.size > limits.mb[kind] * 1024 * 1024) {
      setError(
        `This ${KIND_LABEL[kind].toLowerCase()} is larger than the ${limits.mb[kind]} MB limit. Try a shorter one.`,
      );
      return;
    }
    setCaptured({ kind, blob, fileName, type, url: URL.createObjectURL(blob) });
    setTitle((t) => t || defaultTitle(kind));
  }

  function writeNote() {
    if (captured) URL.revokeObjectURL(captured.url);
    setCaptured(null);
    setError('');
    setSaved('');
    setNote((n) => n ?? '');
    setTitle((t) => t || defaultTitle('text'));
  }

  function onFile(kind: 'photo' | 'video', input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (file) take(kind, file, file.name || (kind === 'photo' ? 'photo.jpg' : 'video.mp4'), file.type);
  }

  async function startRecording() {
    setError('');
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      setError(
        'This browser cannot record sound. Use your phone’s voice recorder and add the file from the evidence page.',
      );
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setError('The microphone is not available. Allow this site to use the microphone and try again.');
      return;
    }
    const rec = new MediaRecorder(stream);
    const parts: Blob[] = [];
    rec.ondataavailable = (e) => {
      if (e.data.size) parts.push(e.data);
    };
    rec.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      const type = (rec.mimeType || 'audio/webm').split(';')[0]!;
      take('audio', new Blob(parts, { type }), recordingName(type, 'audio'), type);
      setRecording(null);
    };
    recorder.current = rec;
    rec.start(1000);
    setRecording({ seconds: 0 });
  }

  useEffect(() => {
    if (!recording) return;
    const t = setInterval(() => setRecording((r) => (r ? { seconds: r.seconds + 1 } : r)), 1000);
    return () => clearInterval(t);
  }, [recording]);

  async function save() {
    if (saving) return;
    setSaving(true);
    try {
      await keep();
    } finally {
      setSaving(false);
    }
  }

  async function keep() {
    setSaved('');
    const text = note?.trim() ? note : null;
    if (note !== null && !text) return setError('Write your note first.');
    if (text && text.length > limits.body)
      return setError(`The note is longer than ${limits.body.toLocaleString('en-GB')} characters. Shorten it.`);
    const piece: Omit<Captured, 'url'> | null = text
      ? { kind: 'text', blob: new Blob([text], { type: 'text/plain' }), fileName: 'note.txt', type: 'text/plain' }
      : captured;
    if (!piece) return setError('Take a photo, record a voice note or a video, or write a note, first.');
    if (!title.trim()) {
      titleRef.current?.focus();
      return setError('Give your evidence a title.');
    }
    if (title.length > limits.title) return setError(`The title is longer than ${limits.title} characters.`);
    if (description.length > limits.description)
      return setError(`The description is longer than ${limits.description} characters.`);
    const item: QueuedCapture = {
      key: crypto.randomUUID(),
      userId,
      kind: piece.kind,
      blob: piece.blob,
      fileName: piece.fileName,
      type: piece.type,
      size: piece.blob.size,
      sha256: await sha256Hex(piece.blob),
      title: title.trim(),
      occurredOn,
      description,
      criteria,
      createdAt: Date.now(),
      sent: 0,
    };
    try {
      await putCapture(item);
    } catch {
      return setError('This phone has no room to keep the capture. Free some space and save again.');
    }
    if (captured) URL.revokeObjectURL(captured.url);
    setCaptured(null);
    setNote(null);
    setTitle('');
    setDescription('');
    setCriteria([]);
    setError('');
    setSaved(
      navigator.onLine
        ? `“${item.title}” is saved on this phone and uploading.`
        : `“${item.title}” is saved on this phone. It uploads when you are back online.`,
    );
    await refresh();
    void navigator.serviceWorker?.ready
      .then((r) =>
        (r as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register(
          'captures',
        ),
      )
      .catch(() => {});
    sync();
  }

  async function retry(item: QueuedCapture) {
    await updateCapture(item.key, { error: undefined });
    await refresh();
    sync();
  }

  async function remove(item: QueuedCapture) {
    if (!window.confirm(`Remove “${item.title}” from this phone? It has not been uploaded, so it will be lost.`))
      return;
    await removeCapture(item.key);
    await refresh();
  }

  const waiting = queue?.length ?? 0;
  const summary =
    queue === null
      ? 'Checking this phone for captures…'
      : waiting === 0
        ? 'Nothing waiting to upload.'
        : `${waiting} waiting to upload${online ? '' : ' when you are back online'}.`;

  return (
    <div className="space-y-6">
      <section aria-labelledby={`${id}-queue`} className="rounded-xl border border-line bg-white p-4 shadow-sm">
        <h2 id={`${id}-queue`} className="text-lg font-semibold text-brand-900">
          Upload queue
        </h2>
        <p role="status" className="mt-1 text-sm" data-testid="queue-summary">
          {online ? null : <span className="mr-1 font-semibold text-amber-900">You are offline.</span>}
          {summary}
        </p>
        {waiting ? (
          <ul className="mt-3 space-y-3" aria-label="Waiting to upload">
            {queue!.map((item) => {
              const sent = progress[item.key] ?? item.sent;
              const pct = Math.round((sent / item.size) * 100);
              return (
                <li key={item.key} className="rounded-lg border border-line p-3">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <span className="font-semibold">{item.title}</span>
                    <span className="text-xs text-muted">
                      {KIND_LABEL[item.kind]} · {sizeText(item.size)}
                    </span>
                  </div>
                  <progress
                    className="mt-2 h-2 w-full appearance-none overflow-hidden rounded-full bg-line [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-line [&::-webkit-progress-value]:bg-brand-600"
                    max={item.size}
                    value={sent}
                    aria-label={`Uploaded of ${item.title}`}
                  />
                  <p className="mt-1 text-sm text-muted">
                    {item.error ? (
                      <span className="text-red-800">Not uploaded: {item.error}</span>
                    ) : online ? (
                      `${pct}% uploaded`
                    ) : (
                      `Waiting for a connection (${pct}% uploaded)`
                    )}
                  </p>
                  <div className="mt-2 flex flex-wrap gap-2">
                    <Button size="touch-sm" variant="secondary" onClick={() => void retry(item)} disabled={!online}>
                      Retry<span className="sr-only"> {item.title}</span>
                    </Button>
                    <Button size="touch-sm" variant="danger" onClick={() => void remove(item)}>
                      Remove<span className="sr-only"> {item.title}</span>
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        ) : null}
        {uploaded.length ? (
          <p className="mt-3 text-sm text-met">
            Uploaded: {uploaded.join(', ')}.{' '}
            <a href="/learner/evidence" className="font-semibold underline">
              See them in My evidence
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-new`} className="rounded-xl border border-line bg-white p-4 shadow-sm sm:p-6">
        <h2 id={`${id}-new`} className="text-lg font-semibold text-brand-900">
          Capture
        </h2>
        <div className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          <CameraInput kind="photo" onFile={onFile}>
            Take a photo
          </CameraInput>
          {recording ? (
            <Button size="touch" variant="danger" onClick={() => recorder.current?.stop()}>
              Stop recording ({recording.seconds} s)
            </Button>
          ) : (
            <Button size="touch" variant="outline" onClick={() => void startRecording()}>
              Record a voice note
            </Button>
          )}
          <CameraInput kind="video" onFile={onFile}>
            Record a video
          </CameraInput>
          <Button size="touch" variant="outline" onClick={writeNote}>
            Write a note
          </Button>
        </div>
        <p className="mt-2 text-xs text-muted">
          Photos up to {limits.mb.photo} MB, voice notes up to {limits.mb.audio} MB, videos up to {limits.mb.video} MB.
        </p>

        {captured ? (
          <div className="mt-4 rounded-lg bg-canvas p-3">
            <p className="text-sm font-semibold">
              {KIND_LABEL[captured.kind]} ready · {sizeText(captured.blob.size)}
            </p>
            {captured.kind === 'photo' ? (
              // eslint-disable-next-line @next/next/no-img-element -- a local blob, not something next/image can optimise
              <img src={captured.url} alt="The photo you took" className="mt-2 max-h-60 rounded" />
            ) : captured.kind === 'audio' ? (
              <audio controls src={captured.url} className="mt-2 w-full" aria-label="Your voice note" />
            ) : (
              <video controls src={captured.url} className="mt-2 max-h-60 w-full" aria-label="Your video" />
            )}
          </div>
        ) : null}

        <div className="mt-4 space-y-4">
          {note !== null ? (
            <div>
              <label htmlFor={`${id}-note`} className={labelClass}>
                Your note
              </label>
              <textarea
                id={`${id}-note`}
                className={inputClass}
                rows={6}
                value={note}
                maxLength={limits.body}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
          ) : null}
          <div>
            <label htmlFor={`${id}-title`} className={labelClass}>
              Title
            </label>
            <input
              ref={titleRef}
              id={`${id}-title`}
              className={inputClass}
              value={title}
              maxLength={limits.title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-date`} className={labelClass}>
              Date
            </label>
            <input
              id={`${id}-date`}
              type="date"
              className={inputClass}
              value={occurredOn}
              max={today()}
              onChange={(e) => setOccurredOn(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-description`} className={labelClass}>
              What it shows <span className="font-normal text-muted">(optional)</span>
            </label>
            <textarea
              id={`${id}-description`}
              className={inputClass}
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <div className="-mx-4 border-y border-line bg-canvas/60 p-4 sm:mx-0 sm:rounded-xl sm:border">
            <CriteriaPicker
              modules={picker.modules}
              equivalents={picker.equivalents}
              value={criteria}
              onChange={setCriteria}
              noteMax={limits.note}
              noteLabel="Why does this evidence meet it?"
            />
          </div>
          <Alert tone="error">{error}</Alert>
          <Alert tone="success">{saved}</Alert>
          <Button
            size="touch"
            variant="primary"
            onClick={() => void save()}
            aria-disabled={saving}
            className="w-full sm:w-auto"
          >
            {saving ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </section>
    </div>
  );
}

/** The phone's camera app, opened from a button: a file input (so it works without camera permission) styled as one. */
function CameraInput(p: {
  kind: 'photo' | 'video';
  onFile: (kind: 'photo' | 'video', input: HTMLInputElement) => void;
  children: React.ReactNode;
}) {
  return (
    <label
      className={buttonClass({
        size: 'touch',
        variant: 'outline',
        className: 'cursor-pointer focus-within:ring-2 focus-within:ring-brand-500',
      })}
    >
      {p.children}
      <input
        type="file"
        accept={p.kind === 'photo' ? 'image/*' : 'video/*'}
        capture="environment"
        className="sr-only"
        data-testid={`capture-${p.kind}`}
        onChange={(e) => p.onFile(p.kind, e.currentTarget)}
      />
    </label>
  );
}
