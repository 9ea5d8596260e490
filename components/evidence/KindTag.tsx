import { KIND_INFO, type EvidenceKindId } from '@/lib/evidence/kinds';

const ICON: Record<EvidenceKindId, string> = {
  account: 'M4 3h8v10H4z M6 6h4 M6 8.5h4',
  file: 'M4 2.5h5l3 3v8H4z M9 2.5v3h3',
  link: 'M7 9l2-2 M6.2 10.8l-.9.9a1.9 1.9 0 01-2.7-2.7l1.8-1.8a1.9 1.9 0 012.7 0 M9.8 5.2l.9-.9a1.9 1.9 0 012.7 2.7l-1.8 1.8a1.9 1.9 0 01-2.7 0',
  witness: 'M8 7.5a2.2 2.2 0 100-4.4 2.2 2.2 0 000 4.4z M3.8 13c.6-2.3 2.2-3.5 4.2-3.5s3.6 1.2 4.2 3.5',
  worksheet: 'M4 2.5h8v11H4z M6 5.5l.8.8 1.4-1.6 M6 9l.8.8 1.4-1.6 M9.5 5.8H11 M9.5 9.3H11',
  observation: 'M1.8 8S4 4 8 4s6.2 4 6.2 4-2.2 4-6.2 4-6.2-4-6.2-4z M8 9.6a1.6 1.6 0 100-3.2 1.6 1.6 0 000 3.2z',
  discussion: 'M2.5 3.5h7v5h-4l-3 2.5z M11 6h2.5v5L11.5 13V11H8',
};

/** The kind of a piece of evidence: icon and words. */
export function KindTag({ kind }: { kind: string }) {
  const k = (kind in KIND_INFO ? kind : 'account') as EvidenceKindId;
  return (
    <span className="inline-flex items-center gap-1 text-xs font-medium text-muted">
      <svg
        aria-hidden="true"
        width="14"
        height="14"
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={ICON[k]} />
      </svg>
      {KIND_INFO[k].label}
    </span>
  );
}
