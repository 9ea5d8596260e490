// Apart from the counter so that code which only compares headings (lib/reports/sections.ts, in the report
// editor's first-load JavaScript) does not bring the counter and its Unicode table with it.

/**
 * Lower-cased heading without its numbering: "7. References" -> "references",
 * "Appendix A: Survey" stays "appendix a: survey", "Section 4 – Bibliography" -> "bibliography".
 */
export function normaliseHeading(heading: string): string {
  let h = heading.trim().toLowerCase();
  for (let round = 0; round < 3; round++) {
    const m =
      /^(?:(?:section|chapter|part)\s+[0-9ivxlcdm]+[.)]?|\d+(?:\.\d+)*[.)]?|[ivxlcdm]+[.)]|[a-z][.)]|\(\d+\)|\([a-z]\))(?:\s*[:.\u2013\u2014-])?\s+/.exec(
        h,
      );
    if (!m) break;
    h = h.slice(m[0].length);
  }
  return h.replace(/^[\s"'“‘([*_]+/, '');
}
