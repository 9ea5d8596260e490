import { createEvidenceFromRequest } from '@/lib/evidence/http';
import { withUser } from '@/lib/http';

export const POST = withUser(async (req, user) => createEvidenceFromRequest(req, user));
