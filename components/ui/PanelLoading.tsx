/**
 * What a panel whose code loads after the page (next/dynamic) shows until it arrives. Such panels are rendered on
 * the server, so this is seen only when one is first drawn in the browser before its code is there (a conflict
 * panel, or a panel whose figures changed during the first moment). It keeps roughly the panel's place so the page
 * does not jump, and says what is happening to screen readers as a polite status.
 */
export function PanelLoading({ label, className = '' }: { label: string; className?: string }) {
  return (
    <div
      role="status"
      className={`flex items-center rounded-xl border border-line bg-white px-4 py-3 text-sm text-muted shadow-sm ${className}`}
    >
      {label}
    </div>
  );
}
