import { HeaderIconLink } from './HeaderIconLink';

/**
 * The header's bell: a link to /notifications with the unread count the server read for this page. The count is
 * part of the link's name for screen readers; the badge is for the eye.
 */
export function NotificationBell({ unread }: { unread: number }) {
  const shown = unread > 99 ? '99+' : String(unread);
  return (
    <HeaderIconLink
      href="/notifications"
      label={unread ? `Notifications, ${unread} unread` : 'Notifications, none unread'}
      data={{ 'data-unread': unread }}
      badge={
        unread ? (
          <span
            aria-hidden="true"
            className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-amber-400 px-1 text-center text-xs font-bold leading-5 text-brand-900"
          >
            {shown}
          </span>
        ) : null
      }
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </HeaderIconLink>
  );
}
