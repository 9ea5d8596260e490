import { finalizeUploadFromRequest, receiveChunkFromRequest, uploadStatusFromRequest } from '@/lib/captures/http';
import { withUser } from '@/lib/http';

type Ctx = { params: Promise<{ id: string }> };

export const GET = withUser<Ctx>(async (_req, user, { params }) => uploadStatusFromRequest(user, (await params).id));
export const PUT = withUser<Ctx>(async (req, user, { params }) =>
  receiveChunkFromRequest(req, user, (await params).id),
);
export const POST = withUser<Ctx>(async (req, user, { params }) =>
  finalizeUploadFromRequest(req, user, (await params).id),
);
