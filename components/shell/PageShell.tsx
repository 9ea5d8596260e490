/** The header above the page's main region (the skip link in the root layout targets #main): one frame for every signed-in or public page. */
export function PageShell({ header, children }: { header: React.ReactNode; children: React.ReactNode }) {
  return (
    <>
      {header}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </>
  );
}
