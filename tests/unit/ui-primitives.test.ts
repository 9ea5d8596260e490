import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { buttonClass, type ButtonSize, type ButtonVariant } from '@/components/ui/button-class';
import { Field, inputClass } from '@/components/ui/Field';
import { refusal } from '@/components/ui/useActionForm';

const html = (el: ReactElement) => renderToStaticMarkup(el);
/** The attributes of the first element matching a tag, as a record. */
function attrs(markup: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}\\b([^>]*)>`).exec(markup);
  if (!m) throw new Error(`no <${tag}> in ${markup}`);
  return Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
}

const VARIANTS: ButtonVariant[] = ['primary', 'secondary', 'outline', 'danger', 'warn', 'link'];
const SIZES: ButtonSize[] = ['sm', 'md', 'lg', 'touch', 'touch-sm', 'tool'];

describe('buttonClass', () => {
  it('is the portal primary button by default (brand fill, 16 px by 8 px padding, small bold text)', () => {
    const c = buttonClass().split(' ');
    expect(c).toEqual(
      expect.arrayContaining([
        'bg-brand-600',
        'hover:bg-brand-700',
        'text-white',
        'font-semibold',
        'px-4',
        'py-2',
        'text-sm',
        'rounded-md',
        'disabled:opacity-60',
      ]),
    );
  });

  it('gives touch-size primary buttons a 44 px target and the pale disabled fill the writing pages use', () => {
    const c = buttonClass({ size: 'touch' }).split(' ');
    expect(c).toEqual(
      expect.arrayContaining([
        'min-h-11',
        'rounded-lg',
        'shadow-sm',
        'disabled:bg-brand-200',
        'disabled:text-brand-900/60',
      ]),
    );
    expect(c).not.toContain('disabled:opacity-60');
  });

  // Two classes setting the same property would leave the result to the order of Tailwind's stylesheet.
  it.each(VARIANTS.flatMap((v) => SIZES.map((s) => [v, s] as const)))(
    '%s/%s sets each property once',
    (variant, size) => {
      const c = buttonClass({ variant, size }).split(' ');
      const one = (pattern: RegExp) => c.filter((x) => pattern.test(x));
      expect(one(/^rounded-/)).toHaveLength(1);
      expect(one(/^text-(xs|sm|base|lg)$/)).toHaveLength(1);
      expect(one(/^px-/)).toHaveLength(1);
      expect(one(/^gap-/)).toHaveLength(1);
      expect(one(/^font-/)).toHaveLength(1);
      expect(one(/^bg-/).length).toBeLessThanOrEqual(1);
      expect(one(/^text-(white|ink|muted|brand-\d+|red-\d+|notyet)$/)).toHaveLength(1);
      expect(new Set(c).size).toBe(c.length);
    },
  );

  it('adds layout classes after its own', () => {
    expect(buttonClass({ variant: 'secondary', className: 'mt-4 w-full' })).toMatch(/ mt-4 w-full$/);
  });
});

describe('Button', () => {
  it('is type="button" unless told otherwise, so it never submits a form by accident', () => {
    expect(attrs(html(h(Button, null, 'Go')), 'button').type).toBe('button');
    expect(attrs(html(h(Button, { type: 'submit' }, 'Go')), 'button').type).toBe('submit');
  });

  it('passes disabled and its words through, with the class of its variant', () => {
    const markup = html(h(Button, { variant: 'danger', size: 'sm', disabled: true }, 'Sign out everywhere'));
    const a = attrs(markup, 'button');
    expect(a.class).toBe(buttonClass({ variant: 'danger', size: 'sm' }));
    expect(markup).toContain('disabled=""');
    expect(markup).toContain('>Sign out everywhere</button>');
  });
});

describe('Field', () => {
  const field = (props: { error?: string; hint?: string; describedBy?: string }) =>
    html(
      h(Field, {
        id: 'pw-next',
        label: 'New password',
        ...props,
        children: (control) => h('input', { ...control, name: 'next', className: inputClass }),
      }),
    );

  it('names the control with its label and describes it with the hint', () => {
    const markup = field({ hint: 'At least 12 characters.' });
    expect(attrs(markup, 'label').for).toBe('pw-next');
    const input = attrs(markup, 'input');
    expect(input.id).toBe('pw-next');
    expect(input['aria-describedby']).toBe('pw-next-hint');
    expect(input['aria-invalid']).toBeUndefined();
    expect(markup).toContain('<p id="pw-next-hint" class="mt-1 text-sm text-muted">At least 12 characters.</p>');
  });

  it('marks the control invalid and points it at the error, after the hint', () => {
    const markup = field({ hint: 'At least 12 characters.', error: 'That password is too common.' });
    const input = attrs(markup, 'input');
    expect(input['aria-invalid']).toBe('true');
    expect(input['aria-describedby']).toBe('pw-next-hint pw-next-error');
    expect(markup).toMatch(/<p id="pw-next-error" class="[^"]*text-red-800[^"]*">That password is too common.<\/p>/);
  });

  it('has no aria-describedby at all when nothing describes the control', () => {
    expect(attrs(field({}), 'input')['aria-describedby']).toBeUndefined();
    expect(attrs(field({ describedBy: 'rules' }), 'input')['aria-describedby']).toBe('rules');
  });
});

describe('Alert', () => {
  it('interrupts for errors and warnings, waits its turn for success and information', () => {
    expect(attrs(html(h(Alert, { tone: 'error' }, 'No')), 'div').role).toBe('alert');
    expect(attrs(html(h(Alert, { tone: 'warning' }, 'Careful')), 'div').role).toBe('alert');
    expect(attrs(html(h(Alert, { tone: 'success' }, 'Saved.')), 'div').role).toBe('status');
    expect(attrs(html(h(Alert, { tone: 'info' }, 'Note')), 'div').role).toBe('status');
  });

  it('can be a plain notice, without a live region', () => {
    expect(attrs(html(h(Alert, { tone: 'info', role: null }, 'Note')), 'div').role).toBeUndefined();
  });

  it('keeps an empty, hidden live region when there is no message yet, so a later one is announced', () => {
    const a = attrs(html(h(Alert, { tone: 'error' }, undefined)), 'div');
    expect(a.role).toBe('alert');
    expect(a.class).toBe('sr-only');
    expect(attrs(html(h(Alert, { tone: 'error' }, 'Wrong password')), 'div').class).toContain('bg-red-50');
  });
});

describe('Badge', () => {
  it('shows its words with the tone colours, outlined unless told not to', () => {
    const outlined = attrs(html(h(Badge, { tone: 'met', children: 'Met' })), 'span').class.split(' ');
    expect(outlined).toEqual(
      expect.arrayContaining(['bg-met/10', 'text-met', 'border', 'border-met/40', 'whitespace-nowrap']),
    );
    const flat = attrs(
      html(h(Badge, { tone: 'notyet', outlined: false, wrap: true, children: 'Not yet met' })),
      'span',
    ).class.split(' ');
    expect(flat).not.toContain('border');
    expect(flat).not.toContain('whitespace-nowrap');
  });
});

describe('refusal: a validation error is shown once', () => {
  const tooCommon = { error: 'That password is too common.', fieldErrors: { next: 'That password is too common.' } };

  it('leaves out the form message that repeats an error shown at its field', () => {
    expect(refusal(tooCommon, ['current', 'next', 'confirm'])).toEqual({
      error: undefined,
      fieldErrors: tooCommon.fieldErrors,
    });
  });

  it('keeps it when the form does not show that field (nowhere else would say it)', () => {
    expect(refusal(tooCommon, ['current']).error).toBe('That password is too common.');
    expect(refusal(tooCommon, []).error).toBe('That password is too common.');
  });

  it('keeps a form message that says something else', () => {
    expect(refusal({ error: 'Your current password is not right.', fieldErrors: {} }, ['current']).error).toBe(
      'Your current password is not right.',
    );
  });
});
