import { Badge } from '@/components/ui/Badge';
import type { QaVerdict } from '@/db/schema';
import { QUALITY_STATE } from '@/lib/vocabulary';

/** An IQA's current verdict on a sampled decision, in words and a symbol (not colour alone). */
export function VerdictBadge({ verdict }: { verdict: QaVerdict | null }) {
  if (verdict === 'agree')
    return (
      <Badge tone="met" icon={<span aria-hidden="true">✓</span>}>
        {QUALITY_STATE.agree.label}
      </Badge>
    );
  if (verdict === 'disagree')
    return (
      <Badge tone="notyet" icon={<span aria-hidden="true">!</span>}>
        {QUALITY_STATE.disagree.label}
      </Badge>
    );
  return <Badge tone="muted">Awaiting verdict</Badge>;
}
