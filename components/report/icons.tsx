/** Small inline icons. Decorative: every icon sits next to words that say the same thing. */
type P = { className?: string };

export function CheckIcon({ className = 'size-4' }: P) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className={`shrink-0 ${className}`}>
      <path
        d="M4.5 10.5l3.5 3.5 7.5-8"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function WarningIcon({ className = 'size-4' }: P) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className={`shrink-0 ${className}`}>
      <path d="M10 3l8 14H2L10 3z" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      <path d="M10 8v4M10 14.5v.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

export function CircleIcon({ className = 'size-4' }: P) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className={`shrink-0 ${className}`}>
      <circle cx="10" cy="10" r="6.5" stroke="currentColor" strokeWidth="1.8" strokeDasharray="3 2.2" />
    </svg>
  );
}

export function SpinnerIcon({ className = 'size-4' }: P) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      fill="none"
      className={`shrink-0 animate-spin motion-reduce:animate-none ${className}`}
    >
      <circle cx="10" cy="10" r="7" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2.2" />
      <path d="M17 10a7 7 0 00-7-7" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

export function LockIcon({ className = 'size-4' }: P) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className={`shrink-0 ${className}`}>
      <rect x="4" y="9" width="12" height="8.5" rx="2" stroke="currentColor" strokeWidth="1.8" />
      <path d="M7 9V6.5a3 3 0 016 0V9" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}

export function DocIcon({ className = 'size-4' }: P) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className={`shrink-0 ${className}`}>
      <path
        d="M5 2.5h6.5L15.5 6.5V17a.5.5 0 01-.5.5H5a.5.5 0 01-.5-.5V3a.5.5 0 01.5-.5z"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
      <path d="M11.5 2.5v4h4M7.5 10.5h5M7.5 13.5h5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
