import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { EvidenceForm } from '@/components/evidence/EvidenceForm';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/session';
import { evidenceFormData } from '@/lib/evidence/form-data';
import type { EvidenceKindId } from '@/lib/evidence/kinds';
import { orPageError } from '@/lib/errors';
import { getEvidence } from '@/lib/evidence/read';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Edit evidence' };

export default async function EditEvidence({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const e = await orPageError(getEvidence(user, id));
  if (!e.can.edit) forbidden();
  const data = await orPageError(evidenceFormData(user, e.learner.id));
  const { id: _id, version, supersededBy: _s, updatedAt: _u, ...values } = e.snapshot;

  return (
    <>
      <BackLink href={`/evidence/${e.id}`}>Back to the evidence</BackLink>
      <PageHeader title={`Edit: ${e.title}`} />
      <div className="rounded-xl border border-line bg-white p-4 shadow-sm sm:p-6">
        <EvidenceForm
          mode="edit"
          kinds={[e.kind as EvidenceKindId]}
          initialKind={e.kind as EvidenceKindId}
          initial={values}
          evidenceId={e.id}
          version={version}
          judgedMet={e.judgedMet}
          picker={data.picker}
          worksheets={data.worksheets}
          limits={data.limits}
          afterSave="open"
          cancelHref={`/evidence/${e.id}`}
        />
      </div>
    </>
  );
}
