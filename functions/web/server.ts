import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { html } from '../emails/html.ts';
import { isEmptyBody, malformedText, parseContentType, readBody } from '../shared/body.ts';
import { requireEnv } from '../shared/env.ts';
import { type HttpEvent, type HttpResponse, headerOf } from '../shared/http.ts';
import { isLanguage, type Language, negotiate, translator } from '../shared/i18n.ts';
import { logger, withLambdaContext } from '../shared/logger.ts';
import { parseMultipart, type ReceivedFile } from '../shared/multipart.ts';
import { HttpError } from '../shared/problem.ts';
import type { Role } from '../shared/route.ts';
import { type ApiCalls, countApiCalls } from './api-client.ts';
import { type PageContent, type PageContext, pathIn, renderPage } from './layout.ts';
import { CALLBACK_PATH, completeSignIn, type Session, SIGNED_OUT_PATH, sessionOf } from './session.ts';
import { common } from './shell/messages.ts';

/**
 * The web function: every page of the site (CloudFront sends it every path that is not the API, a
 * ballot or an asset, with the `/site` prefix). Pages are rendered here, in the language of the path
 * (`/<lang>/...`); a path without a language is redirected to the visitor's. Pages read and write
 * through the public JSON API, with the signed-in person's token, so every rule of the API (roles,
 * objects, validation) holds for the pages too.
 */
const PAGES_PREFIX = '/site';
const assets = `/assets/${requireEnv('ASSET_VERSION')}`;
/** The site's own origin: a POST from anywhere else is refused (cross-site request forgery). */
const siteOrigin = new URL(requireEnv('SITE_URL')).origin;

export type Form = Readonly<Record<string, string | readonly string[]>>;

export interface PageRequest {
  readonly method: 'GET' | 'POST';
  readonly lang: Language;
  /** The path without its language, e.g. `/requests/A1B2`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** A POSTed form (application/x-www-form-urlencoded, or multipart's fields), strictly decoded. */
  readonly form: Form;
  /** The files of a multipart form, for a route that takes them (`files`). */
  readonly files?: readonly ReceivedFile[];
  readonly cookies: Readonly<Record<string, string>>;
  /** The signed-in person, when there is one. */
  readonly session: Session | undefined;
  readonly event: HttpEvent;
  readonly ctx: PageContext;
}

export type PageResult =
  | { readonly page: PageContent; readonly status?: number; readonly cookies?: readonly string[] }
  | { readonly redirect: string; readonly status?: 302 | 303; readonly cookies?: readonly string[] };

export interface PageRoute {
  readonly method: 'GET' | 'POST';
  /** A path without language, with `:name` segments: `/requests/:id`. */
  readonly path: string;
  readonly handle: (request: PageRequest) => Promise<PageResult>;
  /**
   * The address carries a secret (an emailed link's token): every answer of the route, errors
   * included, lets the browser send the site's origin alone as Referer (`strict-origin`), so neither
   * a link nor the page's own assets pass the address on. Not `no-referrer`: it would also send the
   * page's own form with `Origin: null`, which the check against cross-site forms refuses.
   */
  readonly secretAddress?: boolean;
  /**
   * The route's form may send files (multipart/form-data), at most `count`. Their size is the page's
   * to judge (it says so in the visitor's language); a Lambda event carries about 4.5 MB of them.
   */
  readonly files?: { readonly count: number };
}

/** The uploads bucket's origin: file forms post there and scripts send files there (functions/uploads/). */
const uploadsOrigin = new URL(requireEnv('UPLOADS_ORIGIN')).origin;

/**
 * Pages allow nothing inline and nothing from elsewhere but OpenStreetMap's tiles on the map step; a
 * form may lead to Cognito's managed login (signing out posts here, then goes there) or post a file
 * straight to the uploads bucket (a presigned POST), and a script may send one there. Uploaded photos
 * are shown from /media/ on the site itself.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https://tile.openstreetmap.org",
  `connect-src 'self' ${uploadsOrigin}`,
  `form-action 'self' ${new URL(requireEnv('SIGN_IN_URL')).origin} ${uploadsOrigin}`,
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cache-control': 'no-store',
};

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const value = got[i] as string;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return params;
}

function cookiesOf(event: HttpEvent): Record<string, string> {
  const all = [...(event.cookies ?? []), ...(headerOf(event, 'cookie')?.split(';') ?? [])];
  return Object.fromEntries(
    all.flatMap((c) => {
      const at = c.indexOf('=');
      return at > 0 ? [[c.slice(0, at).trim(), c.slice(at + 1).trim()]] : [];
    }),
  );
}

const redirect = (
  location: string,
  status = 303,
  cookies?: readonly string[],
): HttpResponse & { cookies?: string[] } => ({
  statusCode: status,
  headers: { location, 'cache-control': 'no-store' },
  ...(cookies ? { cookies: [...cookies] } : {}),
});

/** The page's API calls, for the browser's developer tools and the tests (a page should need at most two). */
const serverTiming = (calls: ApiCalls) =>
  `api;dur=${calls.ms.toFixed(1)};desc="${calls.count} ${calls.count === 1 ? 'call' : 'calls'}"`;

function respond(
  ctx: PageContext,
  result: PageResult,
  { calls, secretAddress = false }: { calls?: ApiCalls; secretAddress?: boolean } = {},
): HttpResponse & { cookies?: string[] } {
  const timing: Record<string, string> = calls ? { 'server-timing': serverTiming(calls) } : {};
  if ('redirect' in result) {
    const response = redirect(result.redirect, result.status ?? 303, result.cookies);
    return { ...response, headers: { ...response.headers, ...timing } };
  }
  return {
    statusCode: result.status ?? 200,
    headers: {
      ...HTML_HEADERS,
      ...timing,
      ...(secretAddress ? { 'referrer-policy': 'strict-origin' } : {}),
    },
    body: renderPage(ctx, result.page),
    ...(result.cookies ? { cookies: [...result.cookies] } : {}),
  };
}

/** A page that only says what happened: a title and a paragraph (and a sign-in button, when that helps). */
export function messagePage(
  title: string,
  text: string,
  action?: { href: string; label: string },
): PageContent {
  return {
    title,
    body: html`<h1 class="heading">${title}</h1><p class="body">${text}</p>${
      action ? html`<p><a class="button" href="${action.href}">${action.label}</a></p>` : ''
    }`,
  };
}

function errorPage(lang: Language, status: number): PageContent {
  const t = translator(lang, common);
  return status === 404
    ? messagePage(t('error.notFound.title'), t('error.notFound.body'))
    : messagePage(t('error.server.title'), t('error.server.body'));
}

/**
 * For pages that need a role: the session when its roles allow the page; otherwise the answer to
 * give, a sign-in for a visitor who is not signed in, "no access" (403) for one who lacks the role.
 * The API checks the same roles again on every call the page makes.
 */
export function requireRole(
  request: PageRequest,
  roles: readonly Role[],
): { session: Session } | { result: PageResult } {
  const t = translator(request.lang, common);
  const session = request.session;
  if (!session) {
    const back = `${pathIn(request.lang, request.path)}${request.query.size > 0 ? `?${request.query}` : ''}`;
    return {
      result: {
        status: 401,
        page: messagePage(t('error.signIn.title'), t('error.signIn.body'), {
          href: `${pathIn(request.lang, '/sign-in')}?return=${encodeURIComponent(back)}`,
          label: t('error.signIn.button'),
        }),
      },
    };
  }
  if (!session.roles.some((r) => (roles as readonly string[]).includes(r))) {
    return {
      result: {
        status: 403,
        page: messagePage(t('error.forbidden.title'), t('error.forbidden.body', { email: session.email })),
      },
    };
  }
  return { session };
}

/** The Lambda handler over the site's page routes. */
export function pagesHandler(routes: readonly PageRoute[]) {
  return middy<HttpEvent, HttpResponse, Error, Context>()
    .use(withLambdaContext())
    .handler(async (event) => {
      const method = event.requestContext.http.method.toUpperCase();
      const full = event.rawPath.startsWith(PAGES_PREFIX)
        ? event.rawPath.slice(PAGES_PREFIX.length) || '/'
        : event.rawPath;
      const query = new URLSearchParams(event.rawQueryString ?? '');
      const cookies = cookiesOf(event);
      // Cognito sends the visitor back to these fixed addresses: they carry no language.
      if (full === CALLBACK_PATH && method === 'GET') {
        const done = await completeSignIn(query, cookies);
        return done ? redirect(done.location, 303, done.cookies) : redirect('/', 303);
      }
      if (full === SIGNED_OUT_PATH) return redirect('/', 303);
      const [, first = '', ...rest] = full.split('/');
      if (!isLanguage(first)) {
        // A stable path without a language (/report, an emailed /requests/{id}): the visitor's language.
        const lang = negotiate(headerOf(event, 'accept-language'));
        const search = event.rawQueryString ? `?${event.rawQueryString}` : '';
        return {
          statusCode: 302,
          headers: {
            location: `${pathIn(lang, full)}${search}`,
            vary: 'accept-language',
            'cache-control': 'no-store',
          },
        };
      }
      const lang = first;
      const path = `/${rest.join('/')}`;
      const session = await sessionOf(cookies);
      const ctx: PageContext = {
        lang,
        path,
        assets,
        ...(session ? { signedInAs: session.email, roles: session.roles } : {}),
      };
      let secretAddress = false;
      try {
        if (method !== 'GET' && method !== 'POST') throw new HttpError(405, 'Method not allowed');
        const hit = routes
          .filter((r) => r.method === method)
          .map((r) => ({ route: r, params: match(r.path, path) }))
          .find((h) => h.params !== undefined);
        if (!hit?.params) return respond(ctx, { page: errorPage(lang, 404), status: 404 });
        secretAddress = hit.route.secretAddress === true;
        let form: Form = {};
        let files: readonly ReceivedFile[] | undefined;
        if (method === 'POST') {
          if (headerOf(event, 'origin') !== siteOrigin) {
            throw new HttpError(403, 'A form of this site must be posted from this site');
          }
          const contentType = headerOf(event, 'content-type');
          if (hit.route.files && parseContentType(contentType)?.type === 'multipart/form-data') {
            ({ form, files } = await readFiles(event, contentType as string, hit.route.files));
          } else if (!isEmptyBody(event.body)) {
            form = readBody(event, contentType, ['form']) as Form;
          }
        }
        const { route, params } = hit;
        const { result, calls } = await countApiCalls(() =>
          route.handle({
            method,
            lang,
            path,
            params,
            query,
            form,
            ...(files ? { files } : {}),
            cookies,
            session,
            event,
            ctx,
          }),
        );
        return respond(ctx, result, { calls, secretAddress });
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 500;
        if (status >= 500) {
          logger.error('Page failed', {
            errorName: (error as Error).name,
            errorMessage: (error as Error).message,
          });
        }
        return respond(ctx, { page: errorPage(lang, status), status }, { secretAddress });
      }
    });
}

/**
 * A multipart form's fields and files (more files than the route takes, or a body that is not
 * multipart, is a 400). No file can be larger than the event that carried it.
 */
async function readFiles(
  event: HttpEvent,
  contentType: string,
  bound: { readonly count: number },
): Promise<{ form: Form; files: readonly ReceivedFile[] }> {
  const bytes = Buffer.from(String(event.body ?? ''), event.isBase64Encoded === true ? 'base64' : 'utf8');
  const { fields, files } = await parseMultipart(bytes, contentType, {
    files: bound.count,
    fileBytes: Math.max(1, bytes.length),
    fields: 100,
    fieldBytes: 16 * 1024,
  });
  if (malformedText(fields, 'body').length > 0)
    throw new HttpError(400, 'Some text is not well-formed Unicode');
  // A file input left empty still sends a part, with no bytes.
  return { form: fields as Form, files: files.filter((f) => f.bytes.length > 0) };
}
