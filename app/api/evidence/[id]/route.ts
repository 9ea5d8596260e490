import { updateEvidenceFromRequest } from '@/lib/evidence/http';
import { withUser } from '@/lib/http';

export const PUT = withUser<{ params: Promise<{ id: string }> }>(async (req, user, { params }) =>
  updateEvidenceFromRequest(req, user, (await params).id),
);
