import { formatNumber } from '@/lib/format';
import type { VersionDiff } from '@/lib/reports/types';

/**
 * What changed between two submitted versions. Additions are underlined and marked "+", removals struck
 * through and marked "−", and each is also announced in words, so colour is never the only signal.
 * Long unchanged stretches are folded to their first and last paragraph.
 */
export function DiffView({ diff }: { diff: VersionDiff }) {
  const changed = diff.blocks.some((b) => b.type !== 'same');
  return (
    <div data-testid="version-diff">
      <p className="text-sm text-muted">
        From version {diff.fromNumber} to version {diff.toNumber}: about{' '}
        <strong className="text-met">{formatNumber(diff.wordsAdded)} words added</strong> and{' '}
        <strong className="text-notyet">{formatNumber(diff.wordsRemoved)} removed</strong>.
      </p>
      {!changed ? <p className="mt-3">The text did not change.</p> : null}
      <div className="mt-3 space-y-1.5 text-[15px] leading-relaxed">
        {diff.blocks.map((b, i) => {
          if (b.type === 'same') {
            if (b.lines.length <= 3) return b.lines.map((l, k) => <Line key={`${i}-${k}`} text={l} />);
            return (
              <div key={i}>
                <Line text={b.lines[0]!} />
                <p className="my-1 rounded bg-canvas px-3 py-1 text-center text-xs text-muted">
                  {b.lines.length - 2} unchanged paragraphs
                </p>
                <Line text={b.lines[b.lines.length - 1]!} />
              </div>
            );
          }
          if (b.type === 'changed') {
            return (
              <p key={i} className="rounded border-l-4 border-pending/60 bg-pending/5 px-3 py-1.5">
                <span className="sr-only">Changed paragraph: </span>
                {b.parts.map((part, k) =>
                  part.added ? (
                    <Ins key={k}>{part.value}</Ins>
                  ) : part.removed ? (
                    <Del key={k}>{part.value}</Del>
                  ) : (
                    <span key={k}>{part.value}</span>
                  ),
                )}
              </p>
            );
          }
          const added = b.type === 'added';
          return b.lines.map((l, k) => (
            <p
              key={`${i}-${k}`}
              className={`flex gap-2 rounded border-l-4 px-3 py-1.5 ${added ? 'border-met/70 bg-met/5' : 'border-notyet/70 bg-notyet/5'}`}
            >
              <span aria-hidden="true" className={`font-mono font-bold ${added ? 'text-met' : 'text-notyet'}`}>
                {added ? '+' : '−'}
              </span>
              {added ? <Ins>{l}</Ins> : <Del>{l}</Del>}
            </p>
          ));
        })}
      </div>
    </div>
  );
}

function Line({ text }: { text: string }) {
  return <p className="px-4 py-0.5 text-muted">{text}</p>;
}

function Ins({ children }: { children: string }) {
  return (
    <ins className="bg-met/15 text-ink underline decoration-met decoration-2 underline-offset-2">
      <span className="sr-only">[added: </span>
      {children}
      <span className="sr-only">]</span>
    </ins>
  );
}

function Del({ children }: { children: string }) {
  return (
    <del className="bg-notyet/10 text-muted decoration-notyet decoration-2">
      <span className="sr-only">[removed: </span>
      {children}
      <span className="sr-only">]</span>
    </del>
  );
}
