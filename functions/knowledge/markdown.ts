import MarkdownIt from 'markdown-it';

/**
 * The sections of a practice are Markdown, rendered to HTML here with markdown-it and nothing else
 * allowed in: raw HTML is off (`<script>` shows as text), images are off (no tracking pixels, and the
 * site's CSP allows images only from itself), links must be http(s) or mailto and carry
 * rel="nofollow noopener" (plus noreferrer, so a reader's page is not told to the linked site).
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.disable(['image']);
md.validateLink = (url: string) => /^(https?:\/\/|mailto:)/i.test(url.trim());

const renderToken = md.renderer.renderToken.bind(md.renderer);
md.renderer.rules.link_open = (tokens, idx, options) => {
  const token = tokens[idx];
  if (token) token.attrSet('rel', 'nofollow noopener noreferrer');
  return renderToken(tokens, idx, options);
};

export const renderMarkdown = (markdown: string): string => md.render(markdown);

/** Every section of a text rendered. */
export const renderSections = (sections: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(sections)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([k, v]) => [k, renderMarkdown(v)]),
  );
