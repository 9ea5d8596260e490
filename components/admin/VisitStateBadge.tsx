import { Badge } from '@/components/ui/Badge';
import type { VisitState } from '@/lib/qa/eqa';

/** Whether an external quality assurer's visit is open now, in words (not colour alone). */
export function VisitStateBadge({ state }: { state: VisitState }) {
  if (state === 'open') return <Badge tone="met">Open now</Badge>;
  if (state === 'upcoming') return <Badge tone="pending">Not started</Badge>;
  return <Badge tone="muted">Ended</Badge>;
}
