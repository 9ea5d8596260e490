import type { FileFamilyId } from '@/lib/files/types';

/**
 * What a phone can capture. Each kind of file has its own size limit and the sniffed file types it may turn out to
 * be; a written note (text) becomes a written account, not a file.
 */
export type MediaKind = 'photo' | 'audio' | 'video' | 'text';
type FileKind = Exclude<MediaKind, 'text'>;

export const KIND_FAMILIES: Record<FileKind, readonly FileFamilyId[]> = {
  photo: ['jpeg', 'png', 'webp', 'gif'],
  // Chrome records audio/webm (Opus), Safari audio/mp4; older recorders Ogg, WAV or MP3.
  audio: ['webm', 'mp4', 'ogg', 'wav', 'mp3'],
  video: ['mp4', 'webm', 'ogg'],
};

export const KIND_LABELS: Record<MediaKind, string> = {
  photo: 'photo',
  audio: 'voice note',
  video: 'video',
  text: 'note',
};

/** A written note's bytes: room for the longest written account (LIMITS.body characters) in UTF-8. */
export const MAX_NOTE_BYTES = 20_000 * 4;

const DEFAULT_MB: Record<FileKind, number> = { photo: 20, audio: 30, video: 100 };
const ENV: Record<FileKind, string> = {
  photo: 'CAPTURE_MAX_PHOTO_MB',
  audio: 'CAPTURE_MAX_AUDIO_MB',
  video: 'CAPTURE_MAX_VIDEO_MB',
};

/** The kind a browser's declared type names, or null for anything that is not a photo, recording or video. */
export function mediaKindOf(declaredType: string): MediaKind | null {
  const major = declaredType.toLowerCase().split('/')[0];
  if (major === 'image') return 'photo';
  if (major === 'audio') return 'audio';
  if (major === 'video') return 'video';
  if (declaredType.toLowerCase().split(';')[0]!.trim() === 'text/plain') return 'text';
  return null;
}

/**
 * The limits, read when needed (not at import) so tests can change them; lib/env.ts validates the same variables at
 * start-up with the same defaults.
 */
export function captureLimitsMb(): Record<FileKind, number> {
  const read = (kind: FileKind) => {
    const mb = Number(process.env[ENV[kind]] || DEFAULT_MB[kind]);
    return Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MB[kind];
  };
  return { photo: read('photo'), audio: read('audio'), video: read('video') };
}

export const mbToBytes = (mb: number) => Math.floor(mb * 1024 * 1024);

/** The largest piece one request may carry: small enough to go through on a weak signal, resumed piece by piece. */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/** Uploads not finished after this long are removed with their pieces (cleanAbandonedUploads). */
export const ABANDONED_AFTER_DAYS = 14;
