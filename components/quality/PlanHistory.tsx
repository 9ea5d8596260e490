import { formatDateTime } from '@/lib/format';
import type { PlanVersionView } from '@/lib/qa/plan';

/** A cohort's plan versions, newest first, each with who saved it, when, and what it changed from the one before. */
export function PlanHistory({ versions }: { versions: PlanVersionView[] }) {
  if (!versions.length) return <p className="text-sm text-muted">No version saved yet.</p>;
  return (
    <ol className="divide-y divide-line text-sm">
      {versions.map((v) => (
        <li key={v.version} className="py-2">
          <p>
            <span className="font-semibold">Version {v.version}</span>, {v.name}
          </p>
          <p className="text-muted">
            Saved by {v.createdBy}, {formatDateTime(v.createdAt)}
          </p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {v.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
