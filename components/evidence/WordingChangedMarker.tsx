import { Badge } from '@/components/ui/Badge';
import { formatDate } from '@/lib/format';
import { WORDING_STATE } from '@/lib/vocabulary';

/**
 * The criterion's wording changed since evidence was mapped to it or it was judged (lib/evidence/wording.ts): "Wording
 * changed on 8 December 2026: review". Shown beside the status, which stays as it was.
 */
export function WordingChangedMarker({ changedOn }: { changedOn: string | null }) {
  return (
    <span data-testid="wording-changed">
      <Badge tone="pending" wrap icon={<span aria-hidden="true">↻</span>}>
        {wordingChangedText(changedOn)}
      </Badge>
    </span>
  );
}

function wordingChangedText(changedOn: string | null): string {
  return `${WORDING_STATE.changed.label}${changedOn ? ` on ${formatDate(changedOn)}` : ''}: review`;
}
