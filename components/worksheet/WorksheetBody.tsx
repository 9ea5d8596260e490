import { getModuleBody } from '@/components/content/module-body';
import { WorksheetSection } from './WorksheetSection';

/**
 * A worksheet's teaching text with the live form sections where the MDX places `<WorksheetSection id="..."/>`.
 * The MDX is rendered once per process on the server (components/content/module-body.ts); only the sections are
 * client components. Teaching text gets the prose styles; the form sections sit outside them.
 */
export async function WorksheetBody({ slug }: { slug: string }) {
  const parts = await getModuleBody(slug);
  return (
    <div className="min-w-0">
      {parts.map((part, i) => {
        if (part.kind === 'html') {
          // Our own reviewed content (content/), never learner text.
          return <div key={i} className="prose-criterion" dangerouslySetInnerHTML={{ __html: part.html }} />;
        }
        if (part.component !== 'WorksheetSection' || typeof part.props.id !== 'string') return null;
        return <WorksheetSection key={i} id={part.props.id} />;
      })}
    </div>
  );
}
