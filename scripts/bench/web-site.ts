import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Language } from '../../functions/shared/i18n.ts';
import { startLocalCloud } from '../../lib/local/cloud.ts';
import {
  answerAll,
  cityAnswers,
  resumeLinkFor,
  STEP_ANSWERS,
  saveForLater,
  submitFromCheck,
} from '../../test/e2e/apply-support.ts';
import { newContext } from '../../test/e2e/browser.ts';
import { offlineTiles } from '../../test/e2e/citizen-support.ts';
import { signInThroughLogin } from '../../test/e2e/console-support.ts';
import {
  associateCity,
  committee,
  secretariat,
  setRoster,
  startVote,
  submit,
} from '../../test/e2e/membership-support.ts';
import { type CpsCity, cpsCity, fileRequest } from '../../test/e2e/official-support.ts';
import { call, type Role, tokenFor } from '../../test/e2e/support.ts';

/**
 * The site's pages as a person sees them, for `npm run screenshots` and the web section of `npm run
 * bench`: a local stack (its own, or one already running), data seeded through the API with the e2e
 * tests' own seeding code, and every GET page of functions/web/pages.ts reached in Chromium, signed in
 * through the local managed login where the page is for staff. A page whose parameters nothing here
 * knows how to fill is listed as not reached, never silently left out.
 */

const projectDir = resolve(import.meta.dirname, '../..');

export interface Site {
  readonly siteUrl: string;
  /** The last lines the stack logged, and where its functions' logs are (for a failure's report). */
  logTail(): string;
  stop(): Promise<void>;
}

/**
 * Starts a local stack on `ports` in a temporary state folder, or uses the one at `running` (its state
 * folder holds the signing key the seeding needs). Either way the e2e support modules find it through
 * the E2E_* variables they read.
 */
export async function openSite(o: {
  running?: { siteUrl: string; inboxUrl: string; stateDir: string };
  ports?: { api: number; site: number; ses: number; dynamo: number; sfn: number; s3: number };
  log: (line: string) => void;
}): Promise<Site> {
  if (o.running) {
    const site = o.running.siteUrl.replace(/\/$/, '');
    Object.assign(process.env, {
      E2E_SITE_URL: site,
      // The site serves the API under /api (as CloudFront does).
      E2E_API_URL: `${site}/api`,
      E2E_INBOX_URL: o.running.inboxUrl,
      E2E_STATE_DIR: resolve(projectDir, o.running.stateDir),
    });
    return { siteUrl: site, logTail: () => '', stop: async () => undefined };
  }
  if (!o.ports) throw new Error('openSite: ports, or a running stack');
  const stateDir = mkdtempSync(join(tmpdir(), 'wego-web-'));
  const lines: string[] = [];
  const cloud = await startLocalCloud({
    projectDir,
    stateDir,
    apiPort: o.ports.api,
    sitePort: o.ports.site,
    sesPort: o.ports.ses,
    dynamoPort: o.ports.dynamo,
    sfnPort: o.ports.sfn,
    s3Port: o.ports.s3,
    // The seeded vote must stay open while the pages are visited.
    votingPeriodSeconds: 3600,
    reset: true,
    inMemory: true,
    log: (line) => lines.push(line),
  }).catch((error: Error) => {
    rmSync(stateDir, { recursive: true, force: true });
    throw new Error(`${error.message}\n${lines.slice(-20).join('\n')}`);
  });
  o.log(`local stack up: site ${cloud.siteUrl}`);
  Object.assign(process.env, {
    E2E_SITE_URL: cloud.siteUrl,
    E2E_API_URL: cloud.apiUrl,
    E2E_INBOX_URL: cloud.inboxUrl,
    E2E_DYNAMODB_ENDPOINT: cloud.dynamoEndpoint,
    E2E_S3_ENDPOINT: cloud.s3Endpoint,
    E2E_STATE_DIR: stateDir,
  });
  return {
    siteUrl: cloud.siteUrl,
    logTail: () =>
      `${lines.slice(-20).join('\n')}\n${process.env.WEB_KEEP_STATE ? `functions' logs in ${join(stateDir, 'logs')}` : "WEB_KEEP_STATE=1 keeps the functions' logs"}`,
    stop: async () => {
      await cloud.stop();
      if (!process.env.WEB_KEEP_STATE) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** What the pages need, made through the API as the Secretariat, a citizen and the committee would. */
export interface Seeded {
  /** A member city with services, officials and routing (every request goes to its head of roads). */
  readonly city: CpsCity;
  /** A citizen's request in that city. */
  readonly requestId: string;
  /** An application waiting for review. */
  readonly applicationId: string;
  /** An open Full Membership vote, and a committee member who has a ballot in it. */
  readonly approvalId: string;
  readonly committeeEmail: string;
  /** The knowledge platform: a published practice of one member city (written by `writer`, its
   * representative), a question and a relayed conversation from another city's (`reader`). */
  readonly knowledge: {
    readonly practiceId: string;
    readonly questionId: string;
    readonly conversationId: string;
    readonly writer: string;
    readonly reader: string;
  };
}

/** A practice published by one city, a question and a contact from another: the knowledge pages' data. */
async function seedKnowledge(): Promise<Seeded['knowledge']> {
  const [writing, reading] = [await associateCity(), await associateCity()];
  const writer = writing.form.contact.email;
  const reader = reading.form.contact.email;
  const [w, r, sec] = await Promise.all([
    tokenFor('member', writer),
    tokenFor('member', reader),
    secretariat(),
  ]);
  const must = async (
    what: string,
    res: Promise<{ status: number; body: { id?: string } }>,
    status = 200,
  ) => {
    const answer = await res;
    if (answer.status !== status) throw new Error(`Seeding ${what} answered ${answer.status}`);
    return answer.body;
  };
  const practice = await must(
    'a practice',
    call('/practices', {
      method: 'POST',
      token: w,
      json: {
        title: 'Participatory budget online',
        summary: 'Residents propose and vote on a share of the city budget, on their phones.',
        language: 'en',
        themes: ['open-inclusive-city'],
        sdgs: [11, 16],
        stage: 'scaled',
        yearStarted: 2019,
        sections: {
          problem: 'Few residents took part in budget meetings held on weekday evenings.',
          solution: 'A site where residents propose projects and vote, with **paper ballots** in libraries.',
          results: '12,000 residents voted in 2024; 38 projects were funded.',
        },
      },
    }),
    201,
  );
  const id = practice.id as string;
  await must('its submission', call(`/practices/${id}/submit`, { method: 'POST', token: w }));
  await must('its publication', call(`/practices/${id}/publish`, { method: 'POST', token: sec }));
  const question = await must(
    'a question',
    call('/questions', {
      method: 'POST',
      token: r,
      json: {
        title: 'How do you reach residents without a smartphone?',
        body: 'We want to open our budget vote to everyone.',
        themes: ['open-inclusive-city'],
      },
    }),
    201,
  );
  const conversation = await must(
    'a contact',
    call(`/practices/${id}/contact`, {
      method: 'POST',
      token: r,
      json: { message: 'How did you keep the paper ballots and the online votes from counting twice?' },
    }),
    201,
  );
  return {
    practiceId: id,
    questionId: question.id as string,
    conversationId: conversation.id as string,
    writer,
    reader,
  };
}

/** Potholes get a question, so that the report's questions step is shown (and measured) too. */
async function askAboutPotholes(city: CpsCity): Promise<void> {
  const token = await secretariat();
  const { body } = await call(`/cities/${city.id}/services`, { token });
  const services = (body.services as { code: string }[]).map((s) =>
    s.code === 'pothole' ? { ...s, attributes: [POTHOLE_QUESTION] } : s,
  );
  const res = await call(`/cities/${city.id}/services`, { method: 'PUT', token, json: { services } });
  if (res.status !== 200) throw new Error(`Setting the pothole question answered ${res.status}`);
}

export const POTHOLE_QUESTION = {
  code: 'size',
  datatype: 'singlevaluelist',
  required: true,
  description: 'How big is it?',
  datatypeDescription: 'Compare it with something everyone knows',
  values: [
    { key: 'small', name: 'Smaller than a hand' },
    { key: 'big', name: 'Bigger than a wheel' },
  ],
};

export async function seed(): Promise<Seeded> {
  await warmUp();
  const [city, pending] = await Promise.all([cpsCity(), submit()]);
  await askAboutPotholes(city);
  const filed = await fileRequest(city, { attributes: { [POTHOLE_QUESTION.code]: 'big' } });
  await setRoster();
  const voting = await associateCity();
  const vote = await startVote(voting.id);
  const knowledge = await seedKnowledge();
  return {
    city,
    requestId: filed.id,
    applicationId: pending.id,
    approvalId: vote.approvalId,
    committeeEmail: (committee[0] as { email: string }).email,
    knowledge,
  };
}

/**
 * Reads from the seeding's functions first, until they answer: on a loaded machine a function's first
 * (cold) start can outlast its timeout, and a write that timed out is not one to repeat blindly.
 */
async function warmUp(): Promise<void> {
  const token = await secretariat();
  const reads = ['/members', '/applications', '/committee', '/cities/none/services', '/cities/none/routing'];
  const deadline = Date.now() + 120_000;
  for (const path of reads) {
    while ((await call(path, { token })).status >= 500) {
      if (Date.now() > deadline) throw new Error(`GET ${path} still fails after 2 minutes`);
    }
  }
}

/** The page routes (GET) of the site, read from functions/web/pages.ts so that a new page is included. */
export async function pagePaths(): Promise<string[]> {
  // The web function reads its settings when loaded; only the routes' paths are used here.
  const placeholders: Record<string, string> = {
    API_URL: 'https://api.invalid',
    SITE_URL: 'https://site.invalid',
    ASSET_VERSION: 'none',
    SIGN_IN_URL: 'https://login.invalid',
    CLIENT_ID: 'none',
    UPLOADS_ORIGIN: 'https://uploads.invalid',
    JWT_ISSUER: 'https://issuer.invalid',
    JWT_AUDIENCE: 'none',
    JWKS_URI: 'https://issuer.invalid/jwks.json',
  };
  const added = Object.keys(placeholders).filter((k) => process.env[k] === undefined);
  for (const k of added) process.env[k] = placeholders[k];
  try {
    const { pageRoutes } = await import('../../functions/web/pages.ts');
    return [...new Set(pageRoutes.filter((r) => r.method === 'GET').map((r) => r.path))];
  } finally {
    for (const k of added) delete process.env[k];
  }
}

/** Who a page is for: staff pages are opened signed in with the role (by their path's first segment). */
export function roleOf(path: string): Role | undefined {
  if (path.startsWith('/console') || path === '/account/token' || path === '/knowledge/review')
    return 'secretariat';
  if (WRITER_PAGES.test(path) || READER_PAGES.test(path)) return 'member';
  if (path.startsWith('/official')) return 'official';
  if (path.startsWith('/committee')) return 'committee';
  return undefined;
}

/** A city representative's pages about their own city's practice, and those of another city's. */
const WRITER_PAGES =
  /^\/knowledge\/(my(\/questions)?|follows|practices\/new|questions\/new|conversations\/:id|practices\/:id\/(edit|attachments|translations|retire).*)$/;
const READER_PAGES = /^\/knowledge\/practices\/:id\/(contact|adopt)$/;

/** Which group of the issues' weight budgets a page belongs to. */
export type PageGroup = 'public' | 'official' | 'console';
export function groupOf(path: string): PageGroup {
  const role = roleOf(path);
  // A city representative's pages are public pages (the knowledge platform), signed in.
  return role === 'official' ? 'official' : role && role !== 'member' ? 'console' : 'public';
}

/** A path's parameters filled with seeded ids; undefined when one is unknown here. */
export function fillPath(path: string, s: Seeded): string | undefined {
  const value = (name: string): string | undefined => {
    if (name === 'approvalId') return s.approvalId;
    if (name === 'lang') return 'ko';
    if (name !== 'id') return undefined;
    if (path.startsWith('/knowledge/practices')) return s.knowledge.practiceId;
    if (path.startsWith('/knowledge/questions')) return s.knowledge.questionId;
    if (path.startsWith('/knowledge/conversations')) return s.knowledge.conversationId;
    if (path.startsWith('/requests') || path.startsWith('/official') || path.startsWith('/report/sent'))
      return s.requestId;
    // An application under review on its own page and the rejection form; the member city elsewhere.
    if (path === '/console/cities/:id' || path === '/console/cities/:id/reject') return s.applicationId;
    if (path.startsWith('/console/cities')) return s.city.id;
    return undefined;
  };
  let missing = false;
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const v = value(name);
    if (v === undefined) missing = true;
    return encodeURIComponent(v ?? '');
  });
  return missing ? undefined : filled;
}

/** One page as reached: its route, what to call it, and the page itself (still open). */
export interface Visit {
  /** The route of functions/web/pages.ts, e.g. `/report/:page`. */
  readonly route: string;
  /** The route, with a flow's step named: `/report/where`. */
  readonly label: string;
  readonly page: Page;
}

/** Pages reached by walking a flow (their GET route needs the answers posted before them). */
const FLOW_ROUTES = new Set([
  '/report/:page',
  '/apply/:step',
  '/apply/check',
  '/apply/saved',
  '/apply/resume',
  '/apply/confirmation/:id',
]);

/** Where each role's sign-in returns to. */
const HOME: Record<Role, string> = {
  secretariat: '/console',
  official: '/official',
  committee: '/committee',
  member: '/knowledge/my',
} as Record<Role, string>;

const REPORT_CONTINUE = 'form[data-report] button[type=submit].button:not(.button--secondary)';

export interface VisitOptions {
  readonly browser: Browser;
  readonly lang: Language;
  readonly width: number;
  readonly seeded: Seeded;
  readonly siteUrl: string;
  /** Called with each page once it has loaded; the page may be navigated away afterwards. */
  readonly onPage: (visit: Visit) => Promise<void>;
  readonly only?: (route: string) => boolean;
  /** Every page loads everything again (the browser cache off), so each lists all that it needs. */
  readonly freshCache?: boolean;
}

/**
 * Visits every GET page in one language at one width: the plain pages by address, the report and the
 * application by walking them. Returns the routes it could not reach, with why.
 */
export async function visitAll(o: VisitOptions): Promise<{ route: string; why: string }[]> {
  const notReached: { route: string; why: string }[] = [];
  const wanted = (route: string) => !o.only || o.only(route);
  const emails: Record<Role, string> = {
    secretariat: 'secretariat@wego.example',
    official: o.seeded.city.officials.roads.email,
    committee: o.seeded.committeeEmail,
    member: o.seeded.knowledge.writer,
  } as Record<Role, string>;
  // Another city's representative contacts the practice's city and adopts its practice.
  const reader = (route?: string) => route !== undefined && READER_PAGES.test(route);
  const contexts = new Map<Role | 'visitor' | 'reader', BrowserContext>();
  const contextFor = async (role: Role | undefined, route?: string): Promise<BrowserContext> => {
    const key = reader(route) ? 'reader' : (role ?? 'visitor');
    let context = contexts.get(key);
    if (!context) {
      if (role) {
        const email = reader(route) ? o.seeded.knowledge.reader : emails[role];
        const signed = await signInThroughLogin(o.browser, email, [role], `/${o.lang}${HOME[role]}`);
        context = signed.context;
        await signed.page.close();
      } else {
        context = await newContext(o.browser);
      }
      contexts.set(key, context);
    }
    return context;
  };
  const newPage = async (role?: Role, route?: string) => {
    const page = await (await contextFor(role, route)).newPage();
    await page.setViewportSize({ width: o.width, height: 900 });
    await offlineTiles(page);
    if (o.freshCache) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    }
    return page;
  };
  try {
    for (const route of await pagePaths()) {
      if (FLOW_ROUTES.has(route) || !wanted(route)) continue;
      const path = fillPath(route, o.seeded);
      if (path === undefined) {
        notReached.push({ route, why: 'no seeded value for its parameters' });
        continue;
      }
      const page = await newPage(roleOf(route), route);
      await page.goto(`${o.siteUrl}/${o.lang}${path === '/' ? '' : path}`, { waitUntil: 'load' });
      await o.onPage({ route, label: route, page });
      await page.close();
    }
    if (wanted('/report/:page')) await walkReport(o, await newPage());
    if ([...FLOW_ROUTES].some((r) => r.startsWith('/apply') && wanted(r)))
      await walkApply(o, await newPage());
  } finally {
    for (const c of contexts.values()) await c.close();
  }
  return notReached;
}

/** The report from its first question to the check page, each step shown before it is answered. */
async function walkReport(o: VisitOptions, page: Page): Promise<void> {
  const { STEPS } = await import('../../functions/web/citizen/report-flow.ts');
  const answers: Record<string, (page: Page) => Promise<void>> = {
    city: async (p) => {
      // Radios for a few member cities, a list past 20.
      if ((await p.locator('select#city').count()) > 0) await p.selectOption('#city', o.seeded.city.id);
      else await p.check(`input[name=city][value="${o.seeded.city.id}"]`, { force: true });
    },
    matter: (p) => p.check('input[name=service][value=pothole]', { force: true }),
    questions: (p) => p.check(`input[name="attr.${POTHOLE_QUESTION.code}"][value=big]`, { force: true }),
    where: (p) => p.fill('#district', 'Centro'),
    description: (p) => p.fill('#description', 'A deep pothole in front of number 12.'),
  };
  await page.goto(`${o.siteUrl}/${o.lang}/report`);
  for (const step of STEPS) {
    await page.waitForLoadState('networkidle');
    await o.onPage({ route: '/report/:page', label: `/report/${step}`, page });
    await answers[step]?.(page);
    await Promise.all([page.waitForNavigation(), page.click(REPORT_CONTINUE)]);
  }
  await o.onPage({ route: '/report/:page', label: '/report/check', page });
  await page.close();
}

/** The application: each question page, saved for later, resumed, checked and sent. */
async function walkApply(o: VisitOptions, page: Page): Promise<void> {
  const a = cityAnswers();
  // Each question page is shown answered, just before it is sent.
  await answerAll(page, o.lang, a, (step) =>
    o.onPage({ route: '/apply/:step', label: `/apply/${step}`, page }),
  );
  await o.onPage({ route: '/apply/check', label: '/apply/check', page });
  // Saved for later from the first question (still answered), then opened from the emailed link.
  await page.goto(`${o.siteUrl}/${o.lang}/apply/${STEP_ANSWERS[0][0]}`);
  await saveForLater(page);
  await o.onPage({ route: '/apply/saved', label: '/apply/saved', page });
  const { link } = await resumeLinkFor(a.contact.email);
  await page.goto(`${o.siteUrl}/${o.lang}${link.pathname.replace(/^\/[a-z]{2}(?=\/)/, '')}${link.search}`);
  await o.onPage({ route: '/apply/resume', label: '/apply/resume (lands on)', page });
  await page.goto(`${o.siteUrl}/${o.lang}/apply/check`);
  await submitFromCheck(page, o.lang);
  await o.onPage({ route: '/apply/confirmation/:id', label: '/apply/confirmation/:id', page });
  await page.close();
}
