import type { FormResult } from '@/components/admin/ActionForm';
import type { PlanEditorView } from '@/lib/qa/plan';
import { PlanEditor } from './PlanEditor';
import { PlanHistory } from './PlanHistory';

/**
 * The plan's editor, folded while a plan exists, and its version history: on the IQA's home and on the administrator's
 * cohort page alike. The save action checks on the server who may write the plan (lib/qa/plan.ts savePlan).
 */
export function PlanEditing({
  editor,
  action,
}: {
  editor: PlanEditorView;
  action: (form: FormData) => Promise<FormResult<{ version: number }>>;
}) {
  const hasPlan = editor.version > 0;
  return (
    <>
      <details className="mt-3 rounded-lg border border-line" open={!hasPlan}>
        <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-brand-700">
          {hasPlan ? 'Change the plan' : 'Write the plan'}
        </summary>
        <div className="border-t border-line p-3">
          <PlanEditor
            cohortId={editor.cohortId}
            version={editor.version}
            values={editor.values}
            modules={editor.modules}
            action={action}
          />
        </div>
      </details>
      {editor.versions.length ? (
        <details className="mt-2 rounded-lg border border-line">
          <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-brand-700">
            Version history ({editor.versions.length})
          </summary>
          <div className="border-t border-line px-3">
            <PlanHistory versions={editor.versions} />
          </div>
        </details>
      ) : null}
    </>
  );
}
