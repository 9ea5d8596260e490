/**
 * The one word counter of Criterion: the browser's live count, the server's check and the
 * uploaded-document path all call these functions, so they never disagree.
 * countWords agrees exactly with LibreOffice Writer; countReport applies the unit's report rules.
 */
export { countWords } from './count';
export { countReport, DEFAULT_REPORT_RULES } from './report';
export { normaliseHeading } from './heading';
export type { ReportRules, ReportCount } from './report';
