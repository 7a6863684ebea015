import { describe, expect, it } from 'vitest';
import { type EmailContent, oneLine, renderEmail } from '../../../../functions/emails/message.ts';

const content: EmailContent = {
  to: ['mayor@city.example'],
  subject: 'Ulyanovsk is now an Associate Member of WeGO',
  heading: 'Welcome to WeGO',
  paragraphs: ['The Secretariat has accepted the application.', 'Your city is now an Associate Member.'],
  facts: [
    ['City', 'Ulyanovsk'],
    ['Country', 'RU'],
    ['Status', 'associate'],
  ],
  quote: { label: 'Note from the Secretariat', text: 'Welcome aboard.\nSee you at the General Assembly.' },
  action: { label: 'Open the member directory', url: 'https://wego.example/members?status=associate' },
};

/** The visible text of an HTML document: tags removed, entities decoded, whitespace collapsed. */
function visibleText(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');
}

describe('renderEmail', () => {
  it('shows the same heading, paragraphs, facts, quote and link in the HTML and the text part', () => {
    // Act
    const email = renderEmail(content);

    // Assess
    const htmlText = visibleText(email.html);
    const facts = content.facts ?? [];
    const expected = [
      content.heading,
      ...content.paragraphs,
      ...facts.flat(),
      content.quote?.label ?? '',
      content.action?.label ?? '',
      content.action?.url ?? '',
    ];
    for (const piece of expected) {
      expect(htmlText).toContain(piece);
      expect(email.text).toContain(piece);
    }
    for (const [label, value] of facts) expect(email.text).toContain(`${label}: ${value}`);
    for (const line of content.quote?.text.split('\n') ?? []) {
      expect(htmlText).toContain(line);
      expect(email.text).toContain(`> ${line}`);
    }
    expect(email.to).toEqual(['mayor@city.example']);
    expect(email.subject).toBe(content.subject);
  });

  it('escapes user text in the HTML part and leaves it as typed in the text part', () => {
    // Prepare
    const hostile: EmailContent = {
      ...content,
      heading: 'Request <script>alert(1)</script>',
      facts: [['Address', 'Main St & "5th" <b>']],
      quote: { label: 'Reason', text: "'><img src=x onerror=alert(1)>" },
    };

    // Act
    const email = renderEmail(hostile);

    // Assess
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('Request &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Main St &amp; &quot;5th&quot; &lt;b&gt;');
    expect(email.text).toContain('Request <script>alert(1)</script>');
    expect(email.text).toContain('Address: Main St & "5th" <b>');
  });

  it('escapes the action URL inside the href attribute', () => {
    // Prepare
    const email = renderEmail({
      ...content,
      action: { label: 'Vote', url: 'https://wego.example/b?x="><script>' },
    });

    // Assess
    expect(email.html).toContain('href="https://wego.example/b?x=&quot;&gt;&lt;script&gt;"');
    expect(email.html).not.toContain('"><script>');
  });

  it('folds a subject with CR/LF into one line, so no header can be injected', () => {
    // Prepare
    const subject = 'Request 42 assigned\r\nBcc: everyone@evil.example\nX-Injected: 1\u2028tail';

    // Act
    const email = renderEmail({ ...content, subject });

    // Assess
    expect(email.subject).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(email.subject).toBe('Request 42 assigned Bcc: everyone@evil.example X-Injected: 1 tail');
  });

  it('renders the optional parts only when they are given', () => {
    // Prepare
    const bare: EmailContent = {
      to: ['a@city.example'],
      subject: 'Hi',
      heading: 'Hello',
      paragraphs: ['Body'],
    };

    // Act
    const email = renderEmail(bare);

    // Assess
    expect(email.html).not.toContain('<a href');
    expect(email.html).not.toContain('border-left');
    expect(email.text).not.toContain('>');
    expect(email.text.split('\n')).toEqual([
      'Hello',
      '',
      'Body',
      '',
      '--',
      'World e-Governments Organization of Cities and Local Governments (WeGO)',
    ]);
  });
});

describe('oneLine', () => {
  it('trims and replaces each run of line breaks with one space', () => {
    expect(oneLine('  a\r\n\r\nb\rc\u2029d  ')).toBe('a b c d');
  });
});
