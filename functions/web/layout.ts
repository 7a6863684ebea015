import { html, type SafeHtml } from '../emails/html.ts';
import { LANGUAGE_NAMES, LANGUAGES, type Language, translator } from '../shared/i18n.ts';
import type { Role } from '../shared/route.ts';
import { common } from './shell/messages.ts';

/**
 * The shell of every page: language and direction on <html>, a skip link, the header with the
 * navigation and the language switcher, one <main>, the footer. No inline script or style (the CSP
 * forbids them): the stylesheet and each page's scripts come from /assets/<version>/.
 */
export interface PageContext {
  readonly lang: Language;
  /** The path of this page without its language, e.g. `/report`: the switcher links to it in each language. */
  readonly path: string;
  /** Where the assets of this build are, e.g. `/assets/1a2b3c`. */
  readonly assets: string;
  /** The signed-in person, for the header. */
  readonly signedInAs?: string;
  /** Their roles, from the verified session: the navigation links the areas they may open. */
  readonly roles?: readonly Role[];
}

export interface PageContent {
  readonly title: string;
  readonly body: SafeHtml;
  /** Browser scripts of this page (entries of site/build.ts), loaded as modules. */
  readonly scripts?: readonly string[];
  /** Stylesheets besides the site's (e.g. Leaflet's on the map step). */
  readonly styles?: readonly string[];
  /** Set when the page shows errors: the title then starts with "Error:", as screen readers expect. */
  readonly hasErrors?: boolean;
}

export const pathIn = (lang: Language, path: string) => `/${lang}${path === '/' ? '/' : path}`;

type NavKey =
  | 'nav.home'
  | 'nav.report'
  | 'nav.members'
  | 'nav.knowledge'
  | 'nav.myCity'
  | 'nav.official'
  | 'nav.console'
  | 'nav.committee';

/** The site's sections, each for everyone or for the people with one of its roles. */
const NAV: readonly { path: string; key: NavKey; roles?: readonly Role[] }[] = [
  { path: '/', key: 'nav.home' },
  { path: '/report', key: 'nav.report' },
  { path: '/members', key: 'nav.members' },
  { path: '/knowledge', key: 'nav.knowledge' },
  { path: '/knowledge/my', key: 'nav.myCity', roles: ['member'] },
  { path: '/official', key: 'nav.official' },
  { path: '/console', key: 'nav.console', roles: ['secretariat'] },
  { path: '/committee', key: 'nav.committee', roles: ['committee'] },
];

/**
 * The links a visitor sees: the public ones, and the areas their roles open. The page itself is
 * `aria-current="page"`; a page inside a section (a city in the console) marks the section `true`.
 */
export function navLinks(ctx: Pick<PageContext, 'path' | 'roles'>) {
  return NAV.filter((n) => !n.roles || n.roles.some((r) => ctx.roles?.includes(r))).map((n) => ({
    ...n,
    current:
      ctx.path === n.path
        ? ('page' as const)
        : n.path !== '/' && ctx.path.startsWith(`${n.path}/`)
          ? ('true' as const)
          : undefined,
  }));
}

/**
 * A left-to-right value (an email address) inside a sentence of any direction, isolated as `<bdi>`
 * would (first strong isolate … pop): in Arabic, "ict-3f2a@city.example" stays whole and in order.
 */
const isolated = (text: string) => `\u2068${text}\u2069`;

export function renderPage(ctx: PageContext, content: PageContent): string {
  const tc = translator(ctx.lang, common);
  const t = tc;
  const title = `${content.hasErrors ? `${tc('error.prefix')} ` : ''}${content.title} – ${tc('site.name')}`;
  return html`<!doctype html>
<html lang="${t.lang}" dir="${t.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${ctx.assets}/site.css">
${(content.styles ?? []).map((s) => html`<link rel="stylesheet" href="${ctx.assets}/${s}">`)}
${LANGUAGES.map((l) => html`<link rel="alternate" hreflang="${l}" href="${pathIn(l, ctx.path)}">`)}
${(content.scripts ?? []).map((s) => html`<script type="module" src="${ctx.assets}/${s}.js"></script>`)}
</head>
<body>
<a class="skip-link" href="#main">${tc('nav.skip')}</a>
<header class="site-header">
<div class="container site-header__inner">
<a class="site-header__name" href="${pathIn(t.lang, '/')}">${tc('site.name')}<span class="site-header__tagline">${tc('site.tagline')}</span></a>
<nav class="site-nav" aria-label="${tc('nav.label')}">
<ul>
${navLinks(ctx).map((n) => html`<li><a href="${pathIn(t.lang, n.path)}"${n.current ? html` aria-current="${n.current}"` : ''}>${tc(n.key)}</a></li>`)}
</ul>
</nav>
${
  ctx.signedInAs
    ? html`<form class="site-header__account" method="post" action="${pathIn(t.lang, '/sign-out')}"><span>${tc('nav.signedInAs', { email: isolated(ctx.signedInAs) })}</span> <button class="link-button" type="submit">${tc('nav.signOut')}</button></form>`
    : ''
}
</div>
</header>
<nav class="language-switcher container" aria-label="${tc('nav.languages')}">
<ul>
${LANGUAGES.map((l) =>
  l === t.lang
    ? html`<li><span aria-current="true" lang="${l}">${LANGUAGE_NAMES[l]}</span></li>`
    : html`<li><a href="${pathIn(l, ctx.path)}" lang="${l}" hreflang="${l}">${LANGUAGE_NAMES[l]}</a></li>`,
)}
</ul>
</nav>
<main id="main" class="container" tabindex="-1">
${content.body}
</main>
<footer class="site-footer">
<div class="container">
<p>${tc('footer.about')}</p>
<p>${tc('footer.privacy')}</p>
</div>
</footer>
</body>
</html>
`.value;
}
