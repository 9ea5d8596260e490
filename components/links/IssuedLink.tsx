'use client';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/Button';
import { formatDate } from '@/lib/format';
import type { IssuedLinkView } from '@/lib/links/types';

/**
 * A single-use link just made. Emailed (SMTP_URL set), it is only said so; otherwise it is shown here once (only its
 * hash is kept), with a copy button, and plainly not emailed, so the person who asked passes it on themselves.
 */
export function IssuedLink({ link }: { link: IssuedLinkView }) {
  const name = link.name;
  const [copied, setCopied] = useState<boolean | null>(null);
  const url = link.url;
  if (!url)
    return (
      <div className="mt-3 rounded-lg border border-line bg-white p-4" role="region" aria-label="Link sent">
        <p className="text-sm font-semibold text-met">
          Link emailed to {name} ({link.to})
        </p>
        <p className="mt-1 text-sm">
          It works once, until {formatDate(link.expiresAt)}. If it does not arrive, ask for a new one (the old one then
          stops working).
        </p>
      </div>
    );
  return (
    <div className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-4" role="region" aria-label="Link to pass on">
      <p className="text-sm font-semibold text-amber-900">Link for {name}: not emailed</p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <code
          className="min-w-0 max-w-full break-all rounded bg-white px-3 py-1.5 font-mono text-sm text-ink"
          data-testid="issued-link"
        >
          {url}
        </code>
        <button
          type="button"
          className={buttonClass({ variant: 'secondary', size: 'sm' })}
          onClick={() =>
            void navigator.clipboard?.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
        <span role="status" className="sr-only">
          {copied ? 'Link copied' : copied === false ? 'Could not copy: select the link and copy it' : ''}
        </span>
      </div>
      <p className="mt-2 text-sm text-amber-900">
        Criterion has not emailed it (no mail server is set up): send it to {name} at {link.to} yourself. It works once,
        until {formatDate(link.expiresAt)}, and this is the only time it is shown: if it is lost, make a new one (the
        old one then stops working).
      </p>
    </div>
  );
}
