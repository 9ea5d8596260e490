import { buttonClass, type ButtonStyle } from './button-class';

export { buttonClass, type ButtonStyle } from './button-class';

type Props = ButtonStyle &
  Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, 'className'> & { ref?: React.Ref<HTMLButtonElement> };

/**
 * A <button> in one of the portal's looks. `type` defaults to "button" so a button inside a form never submits it by
 * accident; pass type="submit" for the one that should. For a link styled as a button, use buttonClass on <Link>.
 */
export function Button({ variant, size, className, type = 'button', ...rest }: Props) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...rest} />;
}
