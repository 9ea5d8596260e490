import { fileResponse } from '@/lib/evidence/http';
import { withUser } from '@/lib/http';

export const GET = withUser<{ params: Promise<{ id: string }> }>(async (req, user, { params }) =>
  fileResponse(user, (await params).id, req),
);
