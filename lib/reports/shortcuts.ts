/**
 * The assessor's single-key shortcuts on the report page (issue 24): one list, shown on the page and in the
 * accessibility statement. Browser-safe.
 */
export const ASSESSOR_SHORTCUTS = [
  { key: 'J', does: 'next criterion' },
  { key: 'K', does: 'previous criterion' },
  { key: 'M', does: 'met' },
  { key: 'N', does: 'not yet met' },
] as const;
