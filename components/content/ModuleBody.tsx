import type { ModuleData } from '@/lib/content';
import type { BodyPart } from './mdx-html';
import { worksheetHref } from './labels';
import { WorksheetSectionSummary } from './WorksheetSectionSummary';

/**
 * The teaching text: pre-rendered HTML from our own MDX (content/, reviewed, never learner text), with a
 * read-only box wherever the worksheet places one of its sections. The boxes sit outside the prose
 * wrappers so the prose styles (list bullets, link colours) do not reach into them.
 */
export function ModuleBody({ module: mod, parts }: { module: ModuleData; parts: readonly BodyPart[] }) {
  return (
    <div className="max-w-3xl">
      {parts.map((part, i) => {
        if (part.kind === 'html') return <div key={i} className="prose-criterion" dangerouslySetInnerHTML={{ __html: part.html }} />;
        const section = mod.worksheet?.sections.find((s) => s.id === part.props.id);
        // The content build guarantees every placed section exists; a stale cache is the only way here.
        if (part.component !== 'WorksheetSection' || !section) return null;
        return <WorksheetSectionSummary key={i} section={section} worksheetHref={worksheetHref(mod.slug)} />;
      })}
    </div>
  );
}
