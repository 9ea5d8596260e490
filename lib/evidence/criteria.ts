import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { enrolments } from '@/db/schema';
import {
  ASSESSABLE_KINDS,
  assessableItems,
  getEquivalents,
  getItem,
  getModule,
  listModules,
  type ContentItem,
  type ModuleData,
} from '@/lib/content';
import { wordingHash } from '@/lib/content/wording';
import { ValidationError } from '@/lib/errors';
import type { PickerModule } from './picker-types';

const KIND_LABEL: Record<string, string> = { pc: 'PC', k: 'K', ac: 'AC', lo: 'LO', range: 'Range' };

/** Short reference for an item, e.g. "EE2 PC 3" or "306/696 AC 2.4". */
export function itemLabel(item: ContentItem, module: ModuleData | undefined = getModule(item.moduleSlug)): string {
  return `${module?.code ?? item.moduleSlug} ${KIND_LABEL[item.kind] ?? item.kind} ${item.number}`;
}

function groupTitle(item: ContentItem): string | undefined {
  return getModule(item.moduleSlug)?.groups.find((g) => g.id === item.groupId)?.title;
}

/** An item evidence can be mapped to, or undefined. Outcomes and range items are not assessed on their own. */
export function assessableItem(id: string): ContentItem | undefined {
  const item = getItem(id);
  return item && ASSESSABLE_KINDS.includes(item.kind) ? item : undefined;
}

export async function enrolledSlugs(db: DbOrTx, learnerId: string): Promise<string[]> {
  const rows = await db
    .select({ slug: enrolments.moduleSlug })
    .from(enrolments)
    .where(eq(enrolments.learnerId, learnerId));
  const order = listModules().map((m) => m.slug);
  return rows.map((r) => r.slug).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export interface ResolvedMapping {
  criterionId: string;
  moduleSlug: string;
  note: string;
  /** The wording mapped to (lib/content/wording.ts), kept with the mapping. */
  criterionHash: string;
}

/**
 * Checks each criterion id exists, is assessable, and sits in a module the learner is enrolled on.
 * `whose` words the message for the person mapping ("You are" / "Eddie is").
 */
export function resolveMappings(
  mappings: { id: string; note: string }[],
  enrolled: string[],
  whose: { subject: string; verb: string },
): ResolvedMapping[] {
  const out = new Map<string, ResolvedMapping>();
  for (const [index, m] of mappings.entries()) {
    const item = assessableItem(m.id);
    if (!item) {
      throw new ValidationError(`"${m.id}" is not a criterion we know. Choose criteria from the list and try again.`, {
        [`criteria.${index}`]: 'Unknown criterion.',
      });
    }
    if (!enrolled.includes(item.moduleSlug)) {
      const mod = getModule(item.moduleSlug);
      throw new ValidationError(
        `${whose.subject} ${whose.verb} not enrolled on "${mod?.code} ${mod?.title}", so evidence cannot be mapped to ${itemLabel(item, mod)}. Remove it from the list, or ask your administrator about enrolment.`,
        { [`criteria.${index}`]: 'Not enrolled on this module.' },
      );
    }
    out.set(item.id, {
      criterionId: item.id,
      moduleSlug: item.moduleSlug,
      note: m.note.trim(),
      criterionHash: wordingHash(item.text),
    });
  }
  return [...out.values()];
}

/** What the criteria picker needs: enrolled modules' groups and items, and equivalents within them. */
export function pickerCatalog(enrolled: string[]): { modules: PickerModule[]; equivalents: Record<string, string[]> } {
  const modules: PickerModule[] = [];
  const assessable = new Set<string>();
  for (const slug of enrolled) {
    const mod = getModule(slug);
    if (!mod) continue;
    const ids = new Set(assessableItems(slug).map((i) => i.id));
    const groups = mod.groups
      .map((g) => ({
        id: g.id,
        title: g.title,
        items: g.items.filter((i) => ids.has(i.id)).map((i) => ({ id: i.id, label: itemLabel(i, mod), text: i.text })),
      }))
      .filter((g) => g.items.length > 0);
    if (groups.length === 0) continue;
    for (const id of ids) assessable.add(id);
    modules.push({ slug, code: mod.code, title: mod.title, groups });
  }
  const equivalents: Record<string, string[]> = {};
  for (const id of assessable) {
    const eq = getEquivalents(id)
      .map((i) => i.id)
      .filter((e) => assessable.has(e));
    if (eq.length) equivalents[id] = eq;
  }
  return { modules, equivalents };
}

/** Plain data about an item for display (pages never get content objects with more than they show). */
export function describeItem(id: string) {
  const item = getItem(id);
  if (!item)
    return {
      id,
      label: id,
      text: 'This criterion is no longer in the module content.',
      moduleSlug: '',
      moduleTitle: '',
      group: undefined,
    };
  const mod = getModule(item.moduleSlug);
  return {
    id,
    label: itemLabel(item, mod),
    text: item.text,
    moduleSlug: item.moduleSlug,
    moduleTitle: mod ? `${mod.code} ${mod.title}` : item.moduleSlug,
    group: groupTitle(item),
  };
}
export type ItemDescription = ReturnType<typeof describeItem>;

let order: Map<string, number> | undefined;
/** Position of an item across all modules in document order (unknown ids sort last). */
export function documentOrder(id: string): number {
  order ??= new Map(
    listModules()
      .flatMap((m) => assessableItems(m.slug))
      .map((item, i) => [item.id, i]),
  );
  return order.get(id) ?? Number.MAX_SAFE_INTEGER;
}
