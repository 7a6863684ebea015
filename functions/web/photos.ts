import { html, type SafeHtml } from '../emails/html.ts';
import { requireEnv } from '../shared/env.ts';

/**
 * A request's photos on a page. Photos sent with the request are the site's own (`/media/`, through the
 * CDN): shown as images that open in full. Links a civic app gave (Open311 `media_url`) are on other
 * sites: only linked, never loaded (the CSP allows images of the site alone, and a visitor's browser
 * should not call another site unasked); so are HEIC photos, which most browsers cannot show yet.
 */
const siteOrigin = () => new URL(requireEnv('SITE_URL')).origin;
const SHOWN = /^\/media\/request-photo\/[\w-]+\.(jpg|png|webp)$/;

export interface PhotoWords {
  /** The image's alt text, or the link's words: "Photo 1 of 2". */
  readonly photo: (n: number, count: number) => string;
  /** A link to a photo that is not shown here: "Photo 2 of 2, on another site". */
  readonly elsewhere: (n: number, count: number) => string;
}

const isShown = (url: string) => {
  try {
    const u = new URL(url);
    return u.origin === siteOrigin() && SHOWN.test(u.pathname);
  } catch {
    return false;
  }
};

export function photoList(urls: readonly string[] | undefined, words: PhotoWords): SafeHtml {
  if (!urls || urls.length === 0) return html``;
  const count = urls.length;
  return html`<ul class="photos">
${urls.map((url, i) =>
  isShown(url)
    ? html`<li class="photos__item"><a class="photos__link" href="${url}"><img class="photos__image" src="${url}" alt="${words.photo(i + 1, count)}" loading="lazy" decoding="async"></a></li>`
    : html`<li class="photos__item"><a href="${url}" rel="noopener noreferrer nofollow">${words.elsewhere(i + 1, count)}</a></li>`,
)}
</ul>`;
}
