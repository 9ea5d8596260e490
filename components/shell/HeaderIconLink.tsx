import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * A 44 px icon link in the header (the bell, the search): a plain server-rendered link, so it costs the header no
 * JavaScript. `label` is the link's whole name for screen readers; `children` are the icon's SVG paths (24 x 24) and
 * `badge` anything drawn over it for the eye only.
 */
export function HeaderIconLink({
  href,
  label,
  children,
  badge,
  data,
}: {
  href: string;
  label: string;
  children: ReactNode;
  badge?: ReactNode;
  data?: Record<`data-${string}`, string | number>;
}) {
  return (
    <Link
      href={href}
      aria-label={label}
      className="relative inline-flex h-11 w-11 items-center justify-center rounded-md hover:bg-white/10"
      {...data}
    >
      <svg
        aria-hidden="true"
        width="22"
        height="22"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {children}
      </svg>
      {badge}
    </Link>
  );
}
