import Link from 'next/link';

/** The header above the page's main region (the skip link in the root layout targets #main): one frame for every signed-in or public page. */
export function PageShell({ header, children }: { header: React.ReactNode; children: React.ReactNode }) {
  return (
    <>
      {header}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
        {children}
      </main>
      {/* The same help in the same place on every page (WCAG 2.2, 3.2.6 consistent help). */}
      <footer className="mx-auto max-w-6xl border-t border-line px-4 py-4 text-sm text-muted print:hidden">
        <nav aria-label="Help" className="flex flex-wrap gap-x-6 gap-y-2">
          <Link href="/glossary" className="inline-block py-1 underline-offset-2 hover:underline">
            Glossary of statuses
          </Link>
          <Link href="/accessibility" className="inline-block py-1 underline-offset-2 hover:underline">
            Accessibility statement
          </Link>
        </nav>
      </footer>
    </>
  );
}
