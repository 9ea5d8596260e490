import { getModuleBody } from '@/components/content/body-parts.server';
import { LazyWorksheetSection } from './LazyWorksheetSection';

/**
 * A worksheet's teaching text with the live form sections where the MDX places `<WorksheetSection id="..."/>`.
 * The MDX is evaluated once per process on the server (components/content/body-parts.server.ts); only the
 * sections are client components. Teaching text gets the prose styles; the form sections sit outside them.
 */
export async function WorksheetBody({ slug }: { slug: string }) {
  const parts = await getModuleBody(slug);
  return (
    <div className="min-w-0">
      {parts.map((part, i) => {
        // Our own reviewed content (content/), never learner text.
        if (part.kind === 'prose')
          return (
            <div key={i} className="prose-criterion">
              {part.nodes}
            </div>
          );
        return <LazyWorksheetSection key={i} id={part.id} />;
      })}
    </div>
  );
}
