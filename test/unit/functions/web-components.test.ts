import { describe, expect, it } from 'vitest';
import { html } from '../../../functions/emails/html.ts';
import {
  checkboxes,
  errorSummary,
  hiddenFields,
  notificationBanner,
  pagination,
  panel,
  radios,
  select,
  summaryList,
  table,
  textarea,
  textInput,
} from '../../../functions/web/components.ts';

/** What people type comes back into pages: it must never become markup. */
const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2) '`;
const noMarkup = (out: string) => {
  expect(out).not.toContain('<script>');
  expect(out).not.toContain('<img');
  expect(out).not.toMatch(/"\s*onerror=/);
};

describe('form components', () => {
  it('escape what was typed in text inputs, text areas and hidden fields', () => {
    const base = { id: 'd', label: 'Description', errorPrefix: 'Error:' };
    noMarkup(textInput({ ...base, value: HOSTILE }).value);
    noMarkup(textarea({ ...base, value: HOSTILE }).value);
    noMarkup(
      hiddenFields({ description: HOSTILE })
        .map((f) => f.value)
        .join(''),
    );
    expect(textarea({ ...base, value: 'a < b' }).value).toContain('>a &lt; b</textarea>');
  });

  it('tie a field to its hint and error, so a screen reader reads them with it', () => {
    const out = textInput({
      id: 'email',
      label: 'Email',
      hint: 'We only use it to tell you about this request',
      error: 'Enter an email address like name@example.com',
      errorPrefix: 'Error:',
    }).value;
    expect(out).toContain('aria-describedby="email-hint email-error"');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain(
      '<p class="error-message" id="email-error"><span class="visually-hidden">Error:</span>',
    );
    expect(out).toContain('field--error');
  });

  it('link each error of the summary to its field, and show nothing without errors', () => {
    const out = (
      errorSummary('There is a problem', [{ field: 'city', message: 'Choose a city' }]) as { value: string }
    ).value;
    expect(out).toContain('<a href="#city">Choose a city</a>');
    expect(out).toContain('role="alert"');
    expect(errorSummary('There is a problem', [])).toBe('');
  });

  it('keep the chosen radio, option and checkboxes, and give each input its own id', () => {
    const choices = [
      { value: 'roads', label: 'Roads' },
      { value: 'lights', label: 'Street lights' },
    ];
    const r = radios({
      id: 'service',
      legend: 'What is it about?',
      choices,
      value: 'lights',
      errorPrefix: 'Error:',
    }).value;
    expect(r).toMatch(/id="service" name="service" type="radio" value="roads">/);
    expect(r).toMatch(/id="service-1" name="service" type="radio" value="lights" checked>/);
    const s = select({
      id: 'district',
      label: 'District',
      choices,
      value: 'roads',
      errorPrefix: 'Error:',
    }).value;
    expect(s).toContain('<option value="roads" selected>Roads</option>');
    const c = checkboxes({
      id: 'status',
      legend: 'Status',
      choices,
      values: ['roads', 'lights'],
      errorPrefix: 'Error:',
    }).value;
    expect(c.match(/ checked/g)).toHaveLength(2);
    expect(c).toContain('id="status-1"');
  });
});

describe('display components', () => {
  it('escape cells, keys and titles, and keep markup passed as SafeHtml', () => {
    noMarkup(summaryList([{ key: HOSTILE, value: HOSTILE }]).value);
    noMarkup(
      table({ caption: HOSTILE, head: [HOSTILE], rows: [[HOSTILE, html`<strong>ok</strong>`]] }).value,
    );
    expect(table({ caption: 'c', head: ['h'], rows: [[html`<strong>ok</strong>`]] }).value).toContain(
      '<td><strong>ok</strong></td>',
    );
    noMarkup(panel(HOSTILE, HOSTILE, HOSTILE).value);
    noMarkup(notificationBanner(HOSTILE, HOSTILE).value);
  });

  it('shows paging links only when there is another page', () => {
    expect(pagination({ label: 'Pages' })).toBe('');
    const out = (
      pagination({ label: 'Pages', next: { href: '/en/official?cursor=abc', label: 'Next' } }) as {
        value: string;
      }
    ).value;
    expect(out).toContain('rel="next" href="/en/official?cursor=abc"');
    expect(out).not.toContain('rel="prev"');
  });
});
