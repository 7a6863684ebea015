import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../functions/knowledge/markdown.ts';

describe('practice sections in Markdown', () => {
  it('renders the usual Markdown', () => {
    expect(renderMarkdown('**Results**: 30% fewer *queues*\n\n- one\n- two')).toBe(
      '<p><strong>Results</strong>: 30% fewer <em>queues</em></p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });

  it('shows raw HTML as text: no script, no event handler, no iframe', () => {
    const out = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<iframe src="https://evil.example"></iframe> <b onmouseover="x()">b</b>',
    );
    expect(out).not.toMatch(/<script|<img|<iframe|<b /i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses javascript:, data: and vbscript: links, even disguised', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      '&#106;avascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      '//evil.example/x',
    ]) {
      const out = renderMarkdown(`[click](${href})`);
      expect(out, href).not.toContain('<a ');
    }
  });

  it('gives links rel="nofollow noopener" and keeps only http(s) and mailto', () => {
    expect(renderMarkdown('[site](https://city.example/a?b=1&c=2)')).toBe(
      '<p><a href="https://city.example/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">site</a></p>\n',
    );
    expect(renderMarkdown('write to mailto:ict@city.example')).toContain(
      'rel="nofollow noopener noreferrer"',
    );
    expect(renderMarkdown('see https://city.example')).toContain(
      '<a href="https://city.example" rel="nofollow noopener noreferrer">',
    );
  });

  it('shows images as text, so no reader is tracked by a remote picture', () => {
    expect(renderMarkdown('![pixel](https://tracker.example/p.gif)')).not.toContain('<img');
  });

  it('escapes attribute breakers in link titles and text', () => {
    const out = renderMarkdown('[x"><script>](https://a.example "t\\" onclick=\\"y")');
    expect(out).not.toContain('<script>');
    expect(out).not.toMatch(/" onclick=/);
  });
});
