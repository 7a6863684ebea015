import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml } from '../../../../functions/emails/html.ts';

describe('escapeHtml', () => {
  it('neutralizes a script tag', () => {
    // Act
    const escaped = escapeHtml('<script>alert("x")</script>');

    // Assess
    expect(escaped).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escaped).not.toContain('<');
  });

  it('escapes double and single quotes so a value cannot leave an attribute', () => {
    expect(escapeHtml(`" onmouseover='steal()'`)).toBe('&quot; onmouseover=&#39;steal()&#39;');
  });

  it('escapes ampersands once, before everything else', () => {
    expect(escapeHtml('Tom & Jerry &lt;')).toBe('Tom &amp; Jerry &amp;lt;');
  });

  it('turns null and undefined into empty text and numbers into their digits', () => {
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(0)).toBe('0');
  });
});

describe('html', () => {
  it('escapes every interpolated string', () => {
    // Prepare
    const name = '<img src=x onerror="alert(1)">';

    // Act
    const out = html`<p title="${name}">${name}</p>`;

    // Assess
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>',
    );
  });

  it('keeps the literal template parts as written', () => {
    expect(html`<b>bold</b> & <i>it</i>`.value).toBe('<b>bold</b> & <i>it</i>');
  });

  it('inserts a nested html fragment as it is, without escaping it twice', () => {
    // Prepare
    const inner = html`<em>${'Fish & Chips'}</em>`;

    // Act
    const out = html`<p>${inner}</p>`;

    // Assess
    expect(out.value).toBe('<p><em>Fish &amp; Chips</em></p>');
    expect(out.value).not.toContain('&amp;amp;');
    expect(out.value).not.toContain('&lt;em&gt;');
  });

  it('joins arrays of fragments and escapes the plain strings among them', () => {
    // Prepare
    const items = ['a<b', 'c&d'].map((i) => html`<li>${i}</li>`);

    // Act
    const out = html`<ul>${items}${['<raw>']}</ul>`;

    // Assess
    expect(out.value).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li>&lt;raw&gt;</ul>');
  });

  it('renders undefined, null and false as nothing, so conditional parts compose', () => {
    const missing = undefined;
    expect(html`[${missing}${null}${false}${0}]`.value).toBe('[0]');
  });

  it('does not trust a plain object that looks like SafeHtml', () => {
    // A structural look-alike is not a SafeHtml instance: its string form is escaped.
    const fake = { value: '<b>x</b>', toString: () => '<b>x</b>' };
    expect(html`${fake}`.value).toBe('&lt;b&gt;x&lt;/b&gt;');
  });
});
