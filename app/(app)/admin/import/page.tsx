import type { Metadata } from 'next';
import { ImportForm } from '@/components/admin/ImportForm';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { enrolableModules } from '@/lib/admin/enrolments';
import { MAX_IMPORT_ROWS } from '@/lib/admin/import';
import { requireAccess } from '@/lib/auth/session';
import { importAction, previewImportAction } from '../actions';

export const metadata: Metadata = { title: 'Import learners' };

export default async function ImportPage() {
  await requireAccess('admin');
  const modules = enrolableModules();
  return (
    <>
      <PageHeader
        title="Import learners"
        lead={`Create up to ${MAX_IMPORT_ROWS} learner accounts from a spreadsheet. You see every row checked first; nothing is written until you confirm, and then all rows are imported together.`}
      />
      <div className="grid gap-5 lg:grid-cols-[1fr_18rem]">
        <Card>
          <ImportForm
            preview={previewImportAction}
            commit={importAction}
            moduleNames={Object.fromEntries(modules.map((m) => [m.slug, m.code]))}
          />
        </Card>
        <Card title="Module codes">
          <dl className="space-y-2 text-sm">
            {modules.map((m) => (
              <div key={m.slug}>
                <dt className="font-mono font-semibold">{m.code}</dt>
                <dd className="text-muted">{m.title}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
