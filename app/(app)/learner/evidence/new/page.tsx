import type { Metadata } from 'next';
import { EvidenceForm } from '@/components/evidence/EvidenceForm';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { evidenceFormData } from '@/lib/evidence/form-data';
import { LEARNER_KIND_IDS, type EvidenceKindId } from '@/lib/evidence/kinds';
import { orPageError } from '@/lib/errors';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Record evidence' };

export default async function NewEvidence({
  searchParams,
}: {
  searchParams: Promise<{ criterion?: string | string[]; kind?: string }>;
}) {
  const user = await requireAccess('own.evidence.write');
  const params = await searchParams;
  const wanted = ([] as string[]).concat(params.criterion ?? []);
  const data = await orPageError(evidenceFormData(user, user.id));
  const known = new Set(data.picker.modules.flatMap((m) => m.groups.flatMap((g) => g.items.map((i) => i.id))));
  const kind = LEARNER_KIND_IDS.includes(params.kind as EvidenceKindId) ? (params.kind as EvidenceKindId) : 'account';

  return (
    <>
      <BackLink href="/learner/evidence">My evidence</BackLink>
      <PageHeader
        title="Record evidence"
        lead="Show what you did, then choose the criteria it meets and say why. You can change it until your assessor judges it met."
      />
      <div className="rounded-xl border border-line bg-white p-4 shadow-sm sm:p-6">
        <EvidenceForm
          mode="create"
          kinds={LEARNER_KIND_IDS}
          initialKind={kind}
          initial={{ ...data.blank, criteria: wanted.filter((id) => known.has(id)).map((id) => ({ id, note: '' })) }}
          picker={data.picker}
          worksheets={data.worksheets}
          limits={data.limits}
          afterSave="open"
          cancelHref="/learner/evidence"
        />
      </div>
    </>
  );
}
