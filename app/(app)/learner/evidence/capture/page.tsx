import type { Metadata } from 'next';
import { CapturePanel } from '@/components/captures/CapturePanel';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { captureLimitsMb } from '@/lib/captures/config';
import { evidenceFormData } from '@/lib/evidence/form-data';
import { orPageError } from '@/lib/errors';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Capture evidence' };

export default async function CaptureEvidence() {
  const user = await requireAccess('own.evidence.write');
  const data = await orPageError(evidenceFormData(user, user.id));
  return (
    <>
      <BackLink href="/learner/evidence">My evidence</BackLink>
      <PageHeader
        title="Capture evidence"
        lead="Take a photo, record a voice note or a short video, or write a note, where you work, even with no signal. It is kept on this phone and uploads by itself when you are back online."
      />
      <CapturePanel
        userId={user.id}
        picker={data.picker}
        limits={{
          title: data.limits.title,
          description: data.limits.description,
          note: data.limits.note,
          body: data.limits.body,
          mb: captureLimitsMb(),
        }}
      />
    </>
  );
}
