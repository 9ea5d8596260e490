import Link from 'next/link';

// Inside the signed-in shell, so the header and navigation stay in place.
export default function ModuleNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-muted">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold text-brand-900">We could not find that module or item</h1>
      <p className="mt-3 text-muted">The address may be mistyped, or the item may have been renamed.</p>
      <Link href="/modules" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        See all modules
      </Link>
    </div>
  );
}
