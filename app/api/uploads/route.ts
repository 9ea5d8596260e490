import { startUploadFromRequest } from '@/lib/captures/http';
import { withUser } from '@/lib/http';

export const POST = withUser(async (req, user) => startUploadFromRequest(req, user));
