// Colours are chosen by pillClass, never stacked: two bg-* utilities on one element resolve by stylesheet order.
const pillBase =
  'inline-flex cursor-pointer items-center gap-1 rounded-full border font-medium ' +
  'has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-[#f2b705]';
const PILL_ON = {
  met: 'border-met bg-met text-white',
  notyet: 'border-notyet bg-notyet text-white',
  brand: 'border-brand-700 bg-brand-700 text-white',
};
export function pillClass(on: boolean, tone: keyof typeof PILL_ON, size = 'min-h-9 px-3 text-sm') {
  return `${pillBase} ${size} ${on ? PILL_ON[tone] : 'border-line bg-white text-ink hover:border-brand-500'}`;
}
