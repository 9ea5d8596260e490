import Link from 'next/link';

/**
 * The header's bell: a plain link to /notifications with the unread count the server read for this page (no client
 * code of its own, so it costs the header nothing in JavaScript). The count is part of the link's name for screen
 * readers; the badge is for the eye.
 */
export function NotificationBell({ unread }: { unread: number }) {
  const shown = unread > 99 ? '99+' : String(unread);
  return (
    <Link
      href="/notifications"
      aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications, none unread'}
      className="relative inline-flex h-11 w-11 items-center justify-center rounded-md hover:bg-white/10"
      data-unread={unread}
    >
      <svg
        aria-hidden="true"
        width="22"
        height="22"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {unread ? (
        <span
          aria-hidden="true"
          className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-amber-400 px-1 text-center text-xs font-bold leading-5 text-brand-900"
        >
          {shown}
        </span>
      ) : null}
    </Link>
  );
}
