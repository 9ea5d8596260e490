import { formatDateTime } from '@/lib/format';
import { shortHash } from '@/lib/reports/format';
import type { SupersededSignOff } from '@/lib/reports/types';

/**
 * Sign-offs of this version that an internal quality assurer's disagreement superseded: still on the record, with who
 * disagreed and why, but no longer in force (the version waited for its assessor again).
 */
export function SupersededSignOffs({ list, versionNumber }: { list: SupersededSignOff[]; versionNumber: number }) {
  if (!list.length) return null;
  return (
    <section
      aria-label={`Superseded sign-offs of version ${versionNumber}`}
      className="rounded-xl border border-notyet/40 bg-notyet/5 px-4 py-3 text-sm"
      data-testid="superseded-sign-offs"
    >
      <ul className="space-y-2">
        {list.map((s) => (
          <li key={s.decision.id}>
            <p>
              <span className="font-semibold">
                Signed off by {s.decision.assessorName} on {formatDateTime(s.decision.decidedAt)}
              </span>{' '}
              (text fingerprint <code className="font-mono">{shortHash(s.decision.contentHash)}</code>):{' '}
              <span className="font-semibold">superseded</span> by {s.supersededBy}, internal quality assurer, on{' '}
              {formatDateTime(s.supersededAt)}. The sign-off stays on the record but no longer counts; the assessor
              decides this version again.
            </p>
            {s.reason ? <blockquote className="mt-1 border-l-4 border-notyet/50 pl-3">{s.reason}</blockquote> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
