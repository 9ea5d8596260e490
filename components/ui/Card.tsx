export function Card({
  title,
  children,
  className = '',
}: {
  title?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section className={`rounded-xl border border-line bg-white p-5 shadow-sm ${className}`}>
      {title ? <h2 className="mb-3 text-base font-semibold text-brand-900">{title}</h2> : null}
      {children}
    </section>
  );
}
