/**
 * The shapes the rest of the app codes against. Type-only: safe to import anywhere, client code included.
 */
import type { ImportedFrom, ReportRules, Worksheet, WorksheetSection } from './schema';

export type { ReportRules, Worksheet, WorksheetSection };

export type ItemKind = 'pc' | 'k' | 'lo' | 'ac' | 'range';
export type ModuleKind = 'standard' | 'unit' | 'worksheet';

export interface ContentItem {
  /** Stable id, stored with evidence and judgements: never reused for different wording. */
  id: string;
  kind: ItemKind;
  /** Display number: "3" (pc, k, lo), "2.4" (ac); for a range item its 1-based position within its criterion. */
  number: string;
  /** The standard's own wording, exactly. */
  text: string;
  moduleSlug: string;
  /** Id of the ItemGroup the item is listed in (for range items: the group of their criterion). */
  groupId: string;
  /** ac: its learning outcome; range: its assessment criterion. */
  parentId?: string;
  /** range only: the heading of the block it sits in, e.g. "Techniques to attract customers". */
  rangeHeading?: string;
}

export interface ItemGroup {
  /**
   * "wrc/pc", "ee2/k/market", ... For a unit, one group per learning outcome whose id is the outcome's id
   * (getItem(group.id) is the outcome) and whose title is the outcome's wording.
   */
  id: string;
  title: string;
  intro?: string;
  /** The part of the standard the group sits in, e.g. "Knowledge and understanding"; absent for outcomes. */
  section?: string;
  /** pc / k items, or an outcome's assessment criteria. Range items: getRangeItems(acId). */
  items: ContentItem[];
}

/** A range block of one assessment criterion, for pages that show the heading and lead-in text. */
export interface RangeBlock {
  heading: string;
  intro?: string;
  items: ContentItem[];
}

export interface Fact {
  label: string;
  value: string;
}

export interface RelatedUnit {
  code: string;
  title: string;
  framework: string;
}

export interface ModuleData {
  slug: string;
  code: string;
  title: string;
  kind: ModuleKind;
  level?: number;
  summary: string;
  /** First segment of every item id in the module, e.g. "ee2". */
  prefix: string;
  facts: Fact[];
  groups: ItemGroup[];
  relatedUnits: RelatedUnit[];
  reportRules?: ReportRules;
  worksheet?: Worksheet;
  guidance?: string[];
  /** Imported modules only: where the module came from (lib/standards). */
  source?: ImportedFrom;
}

export interface ItemCounts {
  pc: number;
  k: number;
  lo: number;
  ac: number;
  range: number;
}

export interface ModuleSummary {
  slug: string;
  code: string;
  title: string;
  kind: ModuleKind;
  level?: number;
  summary: string;
  counts: ItemCounts;
}

export interface Crosswalk {
  a: string;
  b: string;
  note: string;
}
