import { canShowInline } from '@/lib/files/range';

/**
 * A photo, voice note or video shown on the evidence page, so an assessor judges it there instead of downloading it
 * first (the file route serves these types inline, in byte ranges a player can seek with). Anything else shows
 * nothing here: it stays a download. Players load only the metadata until someone presses play.
 */
export function FilePreview({
  file,
  title,
}: {
  file: { id: string; name: string; contentType: string };
  title: string;
}) {
  if (!canShowInline(file.contentType)) return null;
  const src = `/api/files/${file.id}?inline=1`;
  if (file.contentType.startsWith('image/'))
    return (
      // eslint-disable-next-line @next/next/no-img-element -- a private file behind sign-in, not something next/image can optimise
      <img
        src={src}
        alt={`The photo: ${title}`}
        className="mt-3 max-h-96 w-auto max-w-full rounded-lg border border-line"
      />
    );
  // A voice note recorded on a phone is WebM, stored under a video type: its name (lib/captures) says it is sound only.
  if (file.contentType.startsWith('audio/') || file.name.startsWith('voice-note.'))
    return (
      <audio
        controls
        preload="metadata"
        src={src}
        className="mt-3 w-full"
        aria-label={`Play the recording: ${title}`}
      />
    );
  return (
    <video
      controls
      playsInline
      preload="metadata"
      src={src}
      className="mt-3 max-h-96 w-full rounded-lg bg-black"
      aria-label={`Play the video: ${title}`}
    />
  );
}
