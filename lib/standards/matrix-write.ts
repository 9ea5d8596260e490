/**
 * A Criterion module as a Mahara SmartEvidence `.matrix` file (the format matrix-read.ts reads): each group heading,
 * or learning outcome, is a standard; each item a standard element, range items under their assessment criterion
 * (`parentelementid`); `priority` orders siblings as Mahara's own tables do. Element ids are Criterion's item ids.
 *
 * Criterion's own structure (item ids and kinds, group fields, range blocks, the module's facts) rides along in a
 * `criterion` object on the framework, each standard and each element, as the CASE export carries it in
 * `extensions`; Mahara reads only the fields it knows. A `.matrix` file has no associations, so crosswalks and
 * external references travel in CASE only.
 */
import type { ContentIndex } from '@/lib/content/build';
import type { ModuleData } from '@/lib/content/types';
import { CRITERION_STATE } from '@/lib/vocabulary';
import { rawGroupFields } from './case-write';

interface MatrixStandard {
  shortname: string;
  name: string;
  description: string;
  standardid: number;
  priority: number;
  criterion: Record<string, unknown>;
}

interface MatrixElement {
  standardid: number;
  elementid: string;
  shortname: string;
  name: string;
  description: string;
  parentelementid?: string;
  priority: number;
  criterion: Record<string, unknown>;
}

export interface MatrixFile {
  framework: {
    institution: string;
    name: string;
    description: string;
    selfassess: boolean;
    evidencestatuses: Record<string, string>[];
    standards: MatrixStandard[];
    standardelements: MatrixElement[];
    criterion: Record<string, unknown>;
  };
}

/** Mahara limits a standard's short name to 100 characters. */
const short = (s: string) => (s.length <= 100 ? s : `${s.slice(0, 99)}…`);

export function matrixFile(index: ContentIndex, mod: ModuleData): MatrixFile {
  const standards: MatrixStandard[] = [];
  const elements: MatrixElement[] = [];
  const code = (id: string, number: string) => mod.source?.items[id]?.code ?? number;
  mod.groups.forEach((g, gi) => {
    const standardid = gi + 1;
    const outcome = index.items.get(g.id);
    if (outcome?.kind === 'lo') {
      standards.push({
        shortname: short(`${mod.code} LO ${code(outcome.id, outcome.number)}`),
        name: outcome.text,
        description: g.intro ?? '',
        standardid,
        priority: gi,
        criterion: { id: g.id, role: 'item', group: { kind: 'lo', ...(g.intro !== undefined && { intro: g.intro }) } },
      });
      g.items.forEach((ac, ai) => {
        const blocks = index.rangeBlocks.get(ac.id) ?? [];
        elements.push({
          standardid,
          elementid: ac.id,
          shortname: code(ac.id, ac.number),
          name: ac.text,
          description: '',
          priority: ai,
          criterion: {
            id: ac.id,
            role: 'item',
            ...(blocks.length && {
              rangeBlocks: blocks.map((b) => ({
                heading: b.heading,
                ...(b.intro !== undefined && { intro: b.intro }),
                count: b.items.length,
              })),
            }),
          },
        });
        blocks
          .flatMap((b) => b.items)
          .forEach((r, ri) =>
            elements.push({
              standardid,
              elementid: r.id,
              shortname: r.number,
              name: r.text,
              description: '',
              parentelementid: ac.id,
              priority: ri,
              criterion: { id: r.id, role: 'item' },
            }),
          );
      });
      return;
    }
    standards.push({
      shortname: short(g.title),
      name: g.title,
      description: g.intro ?? '',
      standardid,
      priority: gi,
      criterion: { id: g.id, role: 'group', group: rawGroupFields(g) },
    });
    g.items.forEach((it, ii) =>
      elements.push({
        standardid,
        elementid: it.id,
        shortname: code(it.id, it.number),
        name: it.text,
        description: '',
        priority: ii,
        criterion: { id: it.id, role: 'item' },
      }),
    );
  });
  const { groups: _groups, slug, code: modCode, title: _title, ...rest } = mod;
  return {
    framework: {
      institution: 'all',
      name: mod.title,
      description: mod.summary,
      selfassess: false,
      // Mahara's four states, named as Criterion names them (lib/vocabulary.ts).
      evidencestatuses: [
        { begun: CRITERION_STATE.evidence_submitted.label },
        { incomplete: CRITERION_STATE.not_yet_met.label },
        { partialcomplete: CRITERION_STATE.not_yet_met.label },
        { completed: CRITERION_STATE.met.label },
      ],
      standards,
      standardelements: elements,
      criterion: { slug, code: modCode, ...rest },
    },
  };
}
