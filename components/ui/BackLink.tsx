import Link from 'next/link';

/** The way back up from a page to the list or record it came from, above the page's heading. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href} className="text-brand-700 underline underline-offset-2 hover:no-underline">
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </p>
  );
}
