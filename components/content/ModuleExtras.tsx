import type { ModuleData, RelatedUnit, ReportRules } from '@/lib/content';
import { formatNumber } from '@/lib/format';

/** "Report of 3,000 to 5,000 words; references and appendices are not counted." */
function reportRuleSentence(rules: ReportRules): string {
  const n = formatNumber;
  return `Report of ${n(rules.minWords)} to ${n(rules.maxWords)} words; references and appendices are not counted.`;
}

/** A unit's portfolio route: the report's word rules and the unit's own guidance, word for word. */
export function PortfolioGuidance({ module: mod }: { module: ModuleData }) {
  const rules = mod.reportRules;
  if (!rules && !mod.guidance?.length) return null;
  return (
    <section aria-labelledby="portfolio" className="mt-10">
      <h2 id="portfolio" className="scroll-mt-6 text-xl font-semibold text-brand-900">
        Portfolio of evidence
      </h2>
      {rules ? (
        <div className="print-break-avoid mt-3 rounded-xl border border-brand-200 bg-brand-50 px-4 py-3">
          <p className="font-semibold text-brand-900">{reportRuleSentence(rules)}</p>
          <p className="mt-1 text-sm text-ink">
            Sections not counted: {rules.excludedSections.join(', ')}. Headings{' '}
            {rules.countHeadings ? 'are counted' : 'are not counted'}. An assessor can sign off a report only when
            its count is within the range.
          </p>
        </div>
      ) : null}
      {mod.guidance?.length ? (
        <>
          <h3 className="mt-5 text-base font-semibold text-brand-900">Guidance for the portfolio route</h3>
          <ul className="mt-2 list-disc space-y-1.5 pl-5 leading-relaxed marker:text-brand-500">
            {mod.guidance.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** Related units by framework, as plain text: the portal does not hold these units. */
export function RelatedUnits({ units }: { units: readonly RelatedUnit[] }) {
  if (!units.length) return null;
  const frameworks = [...new Set(units.map((u) => u.framework))];
  return (
    <section aria-labelledby="related" className="mt-10">
      <h2 id="related" className="scroll-mt-6 text-xl font-semibold text-brand-900">
        Related units
      </h2>
      <p className="mt-1 text-sm text-muted">For reference: these units are not part of this portal.</p>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        {frameworks.map((framework) => (
          <div key={framework} className="print-break-avoid rounded-xl border border-line bg-white px-4 py-3 shadow-sm">
            <h3 className="text-sm font-semibold text-brand-900">{framework}</h3>
            <ul className="mt-2 space-y-1.5 text-sm">
              {units
                .filter((u) => u.framework === framework)
                .map((u) => (
                  <li key={u.code} className="flex gap-3">
                    <span className="min-w-12 shrink-0 font-semibold tabular-nums text-brand-700">{u.code}</span>
                    <span>{u.title}</span>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
