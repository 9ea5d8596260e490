import { formatDate } from '@/lib/format';
import type { LinkRequest } from '@/lib/links/types';

const STATE: Record<LinkRequest['state'], (r: LinkRequest) => string> = {
  open: (r) =>
    `A link was made for ${r.name} on ${formatDate(r.createdAt)}; it works until ${formatDate(r.expiresAt)}.`,
  used: (r) => `${r.name} has used the link made on ${formatDate(r.createdAt)}.`,
  expired: (r) => `The link made for ${r.name} on ${formatDate(r.createdAt)} expired unused: make a new one.`,
  superseded: (r) =>
    `The link made for ${r.name} on ${formatDate(r.createdAt)} no longer works (what it was for has changed): make a new one.`,
};

/** Where the newest link for a document stands, in words, for the person who asked for it. */
export function LinkRequestNote({ request }: { request: LinkRequest | null }) {
  if (!request) return null;
  return (
    <p className="mt-2 text-sm text-muted" data-testid="link-request">
      {STATE[request.state](request)}
    </p>
  );
}
