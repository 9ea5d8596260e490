import type { ModuleData } from '@/lib/content';
import { worksheetHref } from './labels';
import type { BodyPart } from './body-parts.server';
import { WorksheetSectionSummary } from './WorksheetSectionSummary';

/**
 * The teaching text, our own compiled MDX (content/, reviewed, never learner text), with a
 * read-only box wherever a worksheet places one of its sections. The boxes sit outside the prose blocks so
 * prose styles (bullets, link colours) do not reach into them.
 */
export function ModuleBody({ module: mod, parts }: { module: ModuleData; parts: readonly BodyPart[] }) {
  return (
    <div className="max-w-3xl">
      {parts.map((part, i) => {
        if (part.kind === 'prose') return <div key={i} className="prose-criterion">{part.nodes}</div>;
        const section = mod.worksheet?.sections.find((s) => s.id === part.id);
        // The content build checks that every placed section exists and that no other component is used.
        if (!section) throw new Error(`${mod.slug}: unknown <WorksheetSection id="${part.id}"/> in the MDX body`);
        return <WorksheetSectionSummary key={i} section={section} worksheetHref={worksheetHref(mod.slug)} />;
      })}
    </div>
  );
}
