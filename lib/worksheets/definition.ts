import { getModule, listModules } from '@/lib/content';
import { NotFoundError } from '@/lib/errors';
import type { Worksheet } from './answers';

export interface WorksheetDefinition {
  slug: string;
  code: string;
  title: string;
  summary: string;
  worksheet: Worksheet;
}

/** The worksheet's content definition (sections, prompts, evidences), or a 404 for any slug that is not a worksheet. */
export function getWorksheetDefinition(slug: string): WorksheetDefinition {
  const mod = typeof slug === 'string' ? getModule(slug) : undefined;
  if (!mod || mod.kind !== 'worksheet' || !mod.worksheet) {
    throw new NotFoundError(
      'There is no worksheet at this address. Check the link, or choose a worksheet from your list.',
    );
  }
  return { slug: mod.slug, code: mod.code, title: mod.title, summary: mod.summary, worksheet: mod.worksheet };
}

export function listWorksheetDefinitions(): WorksheetDefinition[] {
  return listModules()
    .filter((m) => m.kind === 'worksheet')
    .map((m) => getWorksheetDefinition(m.slug));
}
