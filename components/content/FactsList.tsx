import type { Fact } from '@/lib/content';

/** The module's key facts (for unit 306: UAN, level, credits, GLH, assessment type, NOS, aim). */
export function FactsList({ facts }: { facts: readonly Fact[] }) {
  if (!facts.length) return null;
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[minmax(9rem,14rem)_1fr]">
      {facts.map((f) => (
        <div key={f.label} className="contents print-break-avoid">
          <dt className="text-sm font-semibold text-muted sm:pt-px">{f.label}</dt>
          <dd className="-mt-2 text-ink sm:mt-0">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
