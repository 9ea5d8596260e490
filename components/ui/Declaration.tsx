/**
 * The statement a person ticks before a decision is recorded in their name (a learner's submission, an assessor's
 * sign-off, a signature on a review). The whole box is the label, so it is a large target on a phone.
 */
export function Declaration(p: {
  text: React.ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Spacing from what comes before it. */
  className?: string;
}) {
  return (
    <label
      className={`${p.className ?? ''} flex cursor-pointer items-start gap-2.5 rounded-lg border border-line bg-canvas p-3 text-sm`}
    >
      <input
        type="checkbox"
        className="mt-0.5 size-4 shrink-0 accent-brand-600"
        checked={p.checked}
        onChange={(e) => p.onChange(e.target.checked)}
      />
      <span>{p.text}</span>
    </label>
  );
}
