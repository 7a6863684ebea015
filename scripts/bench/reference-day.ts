/**
 * A synthetic day (24 h, UTC) of WeGO's HTTP traffic, for the cold-start share (cold-share.ts). Every
 * figure below is an assumption about the organization, stated where it is used and printed with the
 * report; the seed makes the day reproducible. Routes are named by their catalogue entries, so a renamed
 * or removed route fails to compile here.
 */

import {
  castBallotRoute,
  getApprovalRoute,
  getCommitteeRoute,
  myVoteRoute,
  myVotesRoute,
  overviewRoute,
  putCommitteeRoute,
  requestFullMembershipRoute,
  viewBallotRoute,
  voteOnApprovalRoute,
} from '../../functions/approvals/routes.ts';
import {
  assigneesRoute,
  assignRequestRoute,
  contactRemovalRoute,
  createOfficialRoute,
  createRequestRoute,
  feedbackRoute,
  getRequestRoute,
  getRoutingRoute,
  getServicesRoute,
  getSetupRoute,
  listOfficialsRoute,
  officialQueueRoute,
  previewRoutingRoute,
  putRoutingRoute,
  putServicesRoute,
  updateRequestRoute,
} from '../../functions/cps/routes.ts';
import { docsPageRoute, getOpenApiRoute, healthRoute } from '../../functions/docs/routes.ts';
import {
  acceptRoute,
  adoptionRoute,
  answerRoute,
  askRoute,
  attachRoute,
  cityPracticesRoute,
  contactRoute,
  createPracticeRoute,
  detachRoute,
  downloadAttachmentRoute,
  feedCsvRoute,
  feedJsonRoute,
  getConversationRoute,
  getFollowsRoute,
  getPracticeRoute,
  getQuestionRoute,
  getRepresentativesRoute,
  hideAnswerRoute,
  hideQuestionRoute,
  listQuestionsRoute,
  meRoute,
  myQuestionsRoute,
  patchPracticeRoute,
  presignAttachmentRoute,
  publishRoute,
  putFollowsRoute,
  putRepresentativesRoute,
  putTranslationRoute,
  replyRoute,
  retireRoute,
  returnRoute,
  reviewQueueRoute,
  searchRoute,
  submitRoute,
  themesRoute,
  unsubscribeInfoRoute,
  unsubscribeRoute,
} from '../../functions/knowledge/routes.ts';
import {
  acceptApplicationRoute,
  applicationHistoryRoute,
  attachSignedFormRoute,
  createDraftRoute,
  getApplicationRoute,
  getDraftRoute,
  listApplicationsRoute,
  memberDirectoryRoute,
  rejectApplicationRoute,
  replaceDraftRoute,
  signedFormUploadRoute,
  submitApplicationRoute,
  submitDraftRoute,
  withdrawMemberRoute,
} from '../../functions/membership/routes.ts';
import {
  anyOpen311Route,
  createApiKeyRoute,
  getDocumentRoute,
  getOneRequestRoute,
  getServiceDefinitionRoute,
  getTokenRoute,
  listApiKeysRoute,
  postRequestRoute,
  revokeApiKeyRoute,
} from '../../functions/open311/routes.ts';
import { type RouteSpec, routeKey } from '../../functions/shared/route.ts';
import { requestPhotoRoute } from '../../functions/uploads/routes.ts';
import { pageGetRoute, pagePostRoute } from '../../functions/web/routes.ts';
import { type Call, prng } from './cold-share.ts';

/** One kind of caller: who, how they call (for the report), and the calls they make on the day. */
export interface TrafficSource {
  readonly who: string;
  readonly model: string;
  readonly calls: readonly Call[];
}

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * A call that a client makes once the previous one has answered (a page, then its script) comes at least
 * this long after it: longer than a cold invocation (cold-share.ts REFERENCE_RULES), so it never finds
 * that environment still busy.
 */
const FOLLOW_UP = 1 * S;

type Rand = () => number;
const uniform = (rand: Rand, lo: number, hi: number) => lo + (hi - lo) * rand();
const integer = (rand: Rand, lo: number, hi: number) => Math.floor(uniform(rand, lo, hi + 1));

/** A Poisson-distributed count (Knuth's method; the means here are small). */
function poisson(rand: Rand, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

/** One of `items`, drawn with the probability of its weight. */
function weighted<T>(rand: Rand, items: readonly (readonly [T, number])[]): T {
  let x = rand() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return (items.at(-1) as readonly [T, number])[0];
}

/** Relative activity by local hour: people use a city's services by day, a little in the evening. */
const CITIZEN_HOURS = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 5, 4, 4, 4, 4, 4, 4, 4, 5, 5, 4, 3, 2];
/** Office hours, 09:00–18:00 local with a lunch hour. */
const OFFICE_HOURS = CITIZEN_HOURS.map((_, h) => (h >= 9 && h < 18 && h !== 12 ? 1 : 0));

/**
 * Arrivals of a Poisson process over the day whose rate follows `profile` (by local hour, at UTC
 * offset `utcOffset` hours): `perDay` expected in all. Piecewise constant by hour, so each hour's
 * count is Poisson and its arrivals uniform within the hour.
 */
function poissonArrivals(
  rand: Rand,
  perDay: number,
  profile: readonly number[],
  utcOffset: number,
): number[] {
  const sum = profile.reduce((a, b) => a + b, 0);
  const times: number[] = [];
  for (let h = 0; h < 24; h++) {
    const local = (((h + utcOffset) % 24) + 24) % 24;
    const n = poisson(rand, (perDay * (profile[Math.floor(local)] ?? 0)) / sum);
    for (let i = 0; i < n; i++) times.push(h * HOUR + rand() * HOUR);
  }
  return times;
}

/** `n` instants drawn from the profile (a Poisson process over the day, given its count). */
function instants(rand: Rand, n: number, profile: readonly number[], utcOffset: number): number[] {
  const hours = profile.map((w, local) => [(((local - utcOffset) % 24) + 24) % 24, w] as const);
  return Array.from({ length: n }, () => weighted(rand, hours) * HOUR + rand() * HOUR);
}

/** A call of the day; an instant past midnight wraps around, as the day repeats. */
const call = (atMs: number, route: RouteSpec): Call => ({
  atMs: ((atMs % DAY) + DAY) % DAY,
  route: routeKey(route),
});

/**
 * The member cities that run the Civic Participation System (UTC offsets in hours): most of WeGO's
 * members are in Asia, the rest spread over Europe, Africa and the Americas.
 */
const CPS_CITIES = [9, 9, 8, 8, 7, 7, 5.5, 4, 3, 1, -3, -5];
/** CPS cities whose civic app speaks Open311 to the platform. */
const OPEN311_CITIES = [9, 7, 1, -3];
/** Of those, the cities whose app is FixMyStreet, which also polls updates and posts citizens' comments. */
const FIXMYSTREET_CITIES = [1, -3];
/** The Secretariat works in Seoul (UTC+9). */
const SECRETARIAT_OFFSET = 9;

function citizens(rand: Rand): TrafficSource[] {
  const filing: Call[] = [];
  const following: Call[] = [];
  for (const offset of CPS_CITIES) {
    // The report page (the web function) loads the city's services from the API; 70% go on to post the
    // form, which files the request through the API, then land on their request's page.
    for (const t of poissonArrivals(rand, 20, CITIZEN_HOURS, offset)) {
      filing.push(call(t, pageGetRoute), call(t, getServicesRoute));
      if (rand() < 0.7) {
        const filed = t + uniform(rand, 1 * MIN, 4 * MIN);
        const shown = filed + uniform(rand, FOLLOW_UP, 5 * S);
        // A third attach a photo: the page asks the API for a presigned upload before the form is posted.
        if (rand() < 0.3) filing.push(call(filed - uniform(rand, 10 * S, 60 * S), requestPhotoRoute));
        filing.push(
          call(filed, pagePostRoute),
          call(filed, createRequestRoute),
          call(shown, pageGetRoute),
          call(shown, getRequestRoute),
        );
      }
    }
    // Citizens come back to follow their requests (the emailed link opens the request's page).
    for (const t of poissonArrivals(rand, 55, CITIZEN_HOURS, offset))
      following.push(call(t, pageGetRoute), call(t, getRequestRoute));
  }
  const visitors = poissonArrivals(rand, 60, CITIZEN_HOURS, SECRETARIAT_OFFSET).map((t) =>
    call(t, memberDirectoryRoute),
  );
  // Two cities a day fill in the application's pages: a draft, a save per question page (eight), and
  // for one of them a return through the emailed link; one more sends its application by API.
  const applicants: Call[] = instants(rand, 1, OFFICE_HOURS, 3).map((t) => call(t, submitApplicationRoute));
  for (const [i, t] of instants(rand, 2, OFFICE_HOURS, 3).entries()) {
    applicants.push(call(t, pageGetRoute), call(t, pagePostRoute), call(t, createDraftRoute));
    let at = t;
    for (let page = 0; page < 8; page++) {
      at += uniform(rand, 1 * MIN, 5 * MIN);
      applicants.push(call(at, pagePostRoute), call(at, replaceDraftRoute), call(at, pageGetRoute));
    }
    if (i === 0) {
      at += uniform(rand, 1 * HOUR, 20 * HOUR);
      applicants.push(call(at, pageGetRoute), call(at, getDraftRoute));
    }
    // The signed form: the page asks for a presigned POST, the browser sends the PDF to S3, and the
    // page it comes back to attaches it.
    at += uniform(rand, 1 * MIN, 5 * MIN);
    applicants.push(call(at, pageGetRoute), call(at, signedFormUploadRoute));
    at += uniform(rand, 10 * S, 60 * S);
    applicants.push(call(at, pageGetRoute), call(at, attachSignedFormRoute));
    at += uniform(rand, 2 * MIN, 10 * MIN);
    applicants.push(call(at, pagePostRoute), call(at, submitDraftRoute));
  }
  return [
    {
      who: 'Citizens filing civic requests',
      model: `Poisson, ${CPS_CITIES.length} CPS cities × 20 report-page visits a day by local hour (each page calls the API); 70% file (a third of them with a photo), then open their request`,
      calls: filing,
    },
    {
      who: 'Citizens following their requests',
      model: `Poisson, ${CPS_CITIES.length} cities × 55 a day by local hour (the emailed link)`,
      calls: following,
    },
    {
      who: 'Visitors of the member directory',
      model: 'Poisson, 60 a day, by Seoul daytime',
      calls: visitors,
    },
    {
      who: 'Cities applying for membership',
      model:
        '3 a day in office hours: 2 through the pages (a draft saved on each of 8 question pages, the signed PDF uploaded; one of them comes back the next day by the emailed link), 1 by API',
      calls: applicants,
    },
  ];
}

function open311Apps(rand: Rand): TrafficSource[] {
  const polling: Call[] = [];
  const users: Call[] = [];
  const every = (period: number, route: RouteSpec) => {
    // Each app's timer has its own phase and drifts a little around it.
    const phase = rand() * period;
    for (let t = phase; t < DAY; t += period) polling.push(call(t + uniform(rand, -20 * S, 20 * S), route));
  };
  for (const offset of OPEN311_CITIES) {
    every(10 * MIN, getDocumentRoute); // requests.json: the app's list of recent requests
    every(HOUR, getDocumentRoute); // services.json
    every(6 * HOUR, getDocumentRoute); // discovery.json
    // The service definitions, once a day, one after the other.
    const t = rand() * DAY;
    for (let i = 0; i < 5; i++)
      polling.push(call(t + i * uniform(rand, FOLLOW_UP, 2 * S), getServiceDefinitionRoute));
    for (const at of poissonArrivals(rand, 12, CITIZEN_HOURS, offset)) users.push(call(at, postRequestRoute));
    for (const at of poissonArrivals(rand, 20, CITIZEN_HOURS, offset))
      users.push(call(at, getOneRequestRoute));
  }
  for (const offset of FIXMYSTREET_CITIES) {
    every(15 * MIN, getDocumentRoute); // servicerequestupdates.xml of the last two hours
    every(HOUR, getDocumentRoute); // requests.xml?service_request_id=<every open report>
    for (const at of poissonArrivals(rand, 4, CITIZEN_HOURS, offset)) users.push(call(at, postRequestRoute));
  }
  // The rare ones: an app that files through tokens resolves a few, and an uptime monitor sends HEAD.
  for (const at of poissonArrivals(rand, 2, CITIZEN_HOURS, OPEN311_CITIES[0] as number))
    users.push(call(at, getTokenRoute));
  every(HOUR, anyOpen311Route);
  return [
    {
      who: 'Open311 apps polling',
      model: `${OPEN311_CITIES.length} cities' apps: requests.json every 10 min, services.json hourly, discovery.json every 6 h, 5 service definitions once, each on its own phase ±20 s; in ${FIXMYSTREET_CITIES.length} of them FixMyStreet also polls servicerequestupdates.xml every 15 min and the status of its open reports hourly; an uptime monitor sends HEAD discovery.json hourly`,
      calls: polling,
    },
    {
      who: 'Open311 app users',
      model: `Poisson by local hour, per city: 12 requests filed and 20 followed a day; ${FIXMYSTREET_CITIES.length} cities' citizens comment on 4 requests a day through FixMyStreet; 2 tokens resolved a day`,
      calls: users,
    },
  ];
}

/**
 * City officials work their queue in office hours: 3 officials per CPS city, 2 sessions each. A session
 * opens the queue, works 2–6 requests a minute or two apart (read; update 60%; hand over 10%, after
 * listing whom to), and
 * ends with the queue.
 */
function officials(rand: Rand): TrafficSource {
  const calls: Call[] = [];
  for (const offset of CPS_CITIES) {
    for (let n = 0; n < 3 * 2; n++) {
      const [start] = instants(rand, 1, OFFICE_HOURS, offset);
      let t = start as number;
      calls.push(call(t, officialQueueRoute));
      for (let k = integer(rand, 2, 6); k > 0; k--) {
        t += uniform(rand, 20 * S, 90 * S);
        calls.push(call(t, getRequestRoute));
        if (rand() < 0.6) {
          t += uniform(rand, 30 * S, 180 * S);
          calls.push(call(t, updateRequestRoute));
        }
        if (rand() < 0.1) {
          // The hand-over form lists the city's other officials first.
          t += uniform(rand, 5 * S, 20 * S);
          calls.push(call(t, assigneesRoute));
          t += uniform(rand, 20 * S, 60 * S);
          calls.push(call(t, assignRequestRoute));
        }
      }
      calls.push(call(t + uniform(rand, 10 * S, 60 * S), officialQueueRoute));
    }
  }
  return {
    who: 'City officials',
    model: `${CPS_CITIES.length} cities × 3 officials × 2 sessions in office hours: queue, 2–6 requests (read, update 60%, hand over 10%), queue`,
    calls,
  };
}

/**
 * The Secretariat works in bursts: 4 sessions a day in Seoul office hours, each 10–40 calls within
 * 5–20 minutes, drawn from its everyday tasks. The rare ones (a roster change, a new Open311 key, a
 * vote to start, ...) happen once each, in one of the sessions, so that every route of the catalogue
 * is called on the reference day.
 */
function secretariat(rand: Rand): TrafficSource {
  const everyday: (readonly [RouteSpec, number])[] = [
    [listApplicationsRoute, 4],
    [getApplicationRoute, 4],
    [applicationHistoryRoute, 2],
    [acceptApplicationRoute, 1],
    [rejectApplicationRoute, 0.5],
    [getApprovalRoute, 1],
    [getCommitteeRoute, 0.5],
    [getServicesRoute, 0.5],
    [listOfficialsRoute, 1],
    [createOfficialRoute, 0.5],
    [getRoutingRoute, 0.7],
    [getRequestRoute, 1.5],
    [updateRequestRoute, 0.5],
    [assignRequestRoute, 0.5],
    [memberDirectoryRoute, 0.5],
    [getSetupRoute, 0.7],
    [previewRoutingRoute, 0.3],
  ];
  const rare = [
    putCommitteeRoute,
    requestFullMembershipRoute,
    withdrawMemberRoute,
    putServicesRoute,
    putRoutingRoute,
    createApiKeyRoute,
    listApiKeysRoute,
    revokeApiKeyRoute,
  ];
  const sessions = instants(rand, 4, OFFICE_HOURS, SECRETARIAT_OFFSET).map((start) => ({
    start,
    length: uniform(rand, 5 * MIN, 20 * MIN),
  }));
  const calls: Call[] = [];
  for (const { start, length } of sessions) {
    // A session opens the console's overview; each call after it is a page of the console.
    calls.push(call(start, pageGetRoute), call(start, overviewRoute));
    for (let k = integer(rand, 10, 40); k > 0; k--) {
      const at = start + rand() * length;
      calls.push(call(at, pageGetRoute), call(at, weighted(rand, everyday)));
    }
  }
  for (const route of rare) {
    const { start, length } = sessions[integer(rand, 0, sessions.length - 1)] as (typeof sessions)[number];
    calls.push(call(start + rand() * length, route));
  }
  return {
    who: 'Secretariat',
    model: `4 bursts in Seoul office hours through the console: the overview, then 10–40 pages within 5–20 min, each one API call; ${rare.length} rare actions once each`,
    calls,
  };
}

/**
 * Committee votes: two Full Membership votes are open; 12 members, each in their own time zone, open
 * the emailed ballot and cast it a little later; 3 more vote on the committee's pages (their votes, the
 * vote, then their ballot).
 */
function committee(rand: Rand): TrafficSource {
  const zones = [9, 9, 8, 7, 5.5, 3, 1, 1, 0, -3, -5, -6, 8, 2, -4];
  const calls: Call[] = [];
  zones.forEach((offset, i) => {
    const [t] = instants(rand, 1, CITIZEN_HOURS, offset) as [number];
    const later = t + uniform(rand, 20 * S, 180 * S);
    if (i < 12) calls.push(call(t, viewBallotRoute), call(later, castBallotRoute));
    else
      calls.push(
        call(t, pageGetRoute),
        call(t, myVotesRoute),
        call(t + FOLLOW_UP, pageGetRoute),
        call(t + FOLLOW_UP, myVoteRoute),
        call(later, pagePostRoute),
        call(later, voteOnApprovalRoute),
      );
  });
  return {
    who: 'Executive Committee',
    model:
      '12 ballots (open the emailed link, cast it 20 s–3 min later) and 3 votes on the committee pages, each member in their time zone',
    calls,
  };
}

/** Developers of civic apps read the API docs (page, then the document; Redoc comes from the CDN); a few health checks. */
function developers(rand: Rand): TrafficSource {
  const calls: Call[] = [];
  for (const t of poissonArrivals(rand, 12, CITIZEN_HOURS, 0)) {
    const script = t + uniform(rand, FOLLOW_UP, 3 * S);
    calls.push(call(t, docsPageRoute), call(script, getOpenApiRoute));
  }
  for (const t of poissonArrivals(rand, 4, CITIZEN_HOURS, 0)) calls.push(call(t, getOpenApiRoute));
  for (const t of poissonArrivals(rand, 4, OFFICE_HOURS, SECRETARIAT_OFFSET))
    calls.push(call(t, healthRoute));
  return {
    who: 'Developers and operations',
    model:
      'Poisson: 12 docs visits a day (page, then /openapi.json; Redoc from the CDN), 4 direct document fetches, 4 health checks after deploys',
    calls,
  };
}

/**
 * Citizens use the links of their emails: "is it fixed?" (the page shows the request, its button
 * answers) and, now and then, "remove my contact details" (a page, then its button).
 */
function citizenAnswers(rand: Rand): TrafficSource {
  const calls: Call[] = [];
  const removals: number[] = [];
  for (const offset of CPS_CITIES) {
    for (const t of poissonArrivals(rand, 5, CITIZEN_HOURS, offset)) {
      const answered = t + uniform(rand, 5 * S, 60 * S);
      calls.push(
        call(t, pageGetRoute),
        call(t, getRequestRoute),
        call(answered, pagePostRoute),
        call(answered, feedbackRoute),
      );
    }
    removals.push(...poissonArrivals(rand, 0.5, CITIZEN_HOURS, offset));
  }
  // At least one removal in the day, so that every route of the catalogue is called.
  if (removals.length === 0) removals.push(...instants(rand, 1, CITIZEN_HOURS, SECRETARIAT_OFFSET));
  for (const t of removals) {
    const removed = t + uniform(rand, 5 * S, 60 * S);
    calls.push(call(t, pageGetRoute), call(removed, pagePostRoute), call(removed, contactRemovalRoute));
  }
  return {
    who: 'Citizens answering the links of their emails',
    model: `Poisson, ${CPS_CITIES.length} cities × 5 "is it fixed?" answers and 0.5 contact removals a day by local hour (a page, then its button)`,
    calls,
  };
}

/**
 * The knowledge platform through its pages: a page is the page's GET and its one API call, an action the
 * form's POST and its API call (the page it redirects to is counted where it is read next). Visitors come from the member cities' time zones; representatives and the Secretariat work in office
 * hours; the digest goes out weekly (an EventBridge rule, not HTTP), so only its links count here.
 */
function knowledge(rand: Rand): TrafficSource[] {
  const page = (calls: Call[], at: number, route: RouteSpec) =>
    calls.push(call(at, pageGetRoute), call(at, route));
  const action = (calls: Call[], at: number, route: RouteSpec) =>
    calls.push(call(at, pagePostRoute), call(at, route));

  // Visitors: the search page (a GET form: each search or page of results is one render), then a practice.
  const visitors: Call[] = [];
  for (const offset of CPS_CITIES) {
    for (const t of poissonArrivals(rand, 5, CITIZEN_HOURS, offset)) {
      let at = t;
      page(visitors, at, searchRoute);
      for (let k = integer(rand, 0, 2); k > 0; k--) {
        at += uniform(rand, 5 * S, 40 * S);
        page(visitors, at, searchRoute);
      }
      if (rand() < 0.6) {
        at += uniform(rand, 5 * S, 30 * S);
        page(visitors, at, getPracticeRoute);
        // An attachment downloaded from the practice's page (its link: one API call, then S3).
        if (rand() < 0.2) visitors.push(call(at + uniform(rand, 10 * S, 60 * S), downloadAttachmentRoute));
      }
      if (rand() < 0.15) {
        at += uniform(rand, 1 * MIN, 5 * MIN);
        page(visitors, at, listQuestionsRoute);
        at += uniform(rand, 5 * S, 30 * S);
        page(visitors, at, getQuestionRoute);
      }
    }
    // Links of the emails: a practice published or returned, a question answered.
    for (const t of poissonArrivals(rand, 1, CITIZEN_HOURS, offset)) page(visitors, t, getPracticeRoute);
  }

  // Representatives: sessions in office hours from their city's list of practices.
  const representatives: Call[] = [];
  const session = (offset: number) => instants(rand, 1, OFFICE_HOURS, offset)[0] as number;
  for (const offset of CPS_CITIES) {
    for (let n = poisson(rand, 1); n > 0; n--) {
      let at = session(offset);
      // Their own list, /knowledge/my: who they are (their city), then its practices.
      page(representatives, at, meRoute);
      representatives.push(call(at, cityPracticesRoute));
      // Now and then, the questions they asked (/knowledge/my/questions).
      if (rand() < 0.2) page(representatives, at + uniform(rand, 10 * S, 60 * S), myQuestionsRoute);
      if (rand() < 0.5) {
        // Writing: a draft (new or returned) saved a few times, then submitted for review.
        at += uniform(rand, 30 * S, 3 * MIN);
        action(representatives, at, rand() < 0.3 ? createPracticeRoute : patchPracticeRoute);
        for (let k = integer(rand, 1, 4); k > 0; k--) {
          at += uniform(rand, 2 * MIN, 10 * MIN);
          page(representatives, at, getPracticeRoute);
          action(representatives, at + FOLLOW_UP, patchPracticeRoute);
        }
        if (rand() < 0.3) {
          // A file attached: its presigned POST (the browser then posts to S3), then the attach.
          at += uniform(rand, 1 * MIN, 3 * MIN);
          action(representatives, at, presignAttachmentRoute);
          action(representatives, at + uniform(rand, 5 * S, 60 * S), attachRoute);
        }
        if (rand() < 0.5) action(representatives, at + uniform(rand, 1 * MIN, 5 * MIN), submitRoute);
      }
      if (rand() < 0.3) {
        // Learning: the questions to the network, one answered.
        at += uniform(rand, 1 * MIN, 5 * MIN);
        page(representatives, at, listQuestionsRoute);
        at += uniform(rand, 10 * S, 60 * S);
        page(representatives, at, getQuestionRoute);
        if (rand() < 0.5) action(representatives, at + uniform(rand, 2 * MIN, 10 * MIN), answerRoute);
      }
    }
  }
  // The rarer acts of the network, a few a day each, in some member city's office hours.
  const someCity = () => session(CPS_CITIES[integer(rand, 0, CPS_CITIES.length - 1)] as number);
  const times = (n: number, each: (at: number) => void) => {
    for (let i = 0; i < n; i++) each(someCity());
  };
  times(2, (at) => {
    // A contact relayed from a practice's page; the other city opens the emailed conversation and replies.
    action(representatives, at, contactRoute);
    const later = at + uniform(rand, 1 * HOUR, 8 * HOUR);
    page(representatives, later, getConversationRoute);
    action(representatives, later + uniform(rand, 2 * MIN, 10 * MIN), replyRoute);
  });
  times(1, (at) => {
    page(representatives, at, getQuestionRoute);
    action(representatives, at + uniform(rand, 1 * MIN, 5 * MIN), askRoute);
  });
  times(1, (at) => {
    page(representatives, at, getQuestionRoute);
    action(representatives, at + uniform(rand, 10 * S, 60 * S), acceptRoute);
  });
  times(1, (at) => {
    page(representatives, at, getPracticeRoute);
    action(representatives, at + uniform(rand, 30 * S, 3 * MIN), adoptionRoute);
  });
  times(2, (at) => {
    page(representatives, at, getFollowsRoute);
    action(representatives, at + uniform(rand, 10 * S, 60 * S), putFollowsRoute);
  });
  times(1, (at) => action(representatives, at, putTranslationRoute));
  times(1, (at) => action(representatives, at, detachRoute));
  times(1, (at) => {
    // At least one file a day, besides the writers' own: its presigned POST, then the attach.
    action(representatives, at, presignAttachmentRoute);
    action(representatives, at + uniform(rand, 5 * S, 60 * S), attachRoute);
  });

  // The Secretariat reviews from its queue: each practice read, then published or returned with a reason.
  const review: Call[] = [];
  for (const start of instants(rand, 2, OFFICE_HOURS, SECRETARIAT_OFFSET)) {
    let at = start;
    page(review, at, reviewQueueRoute);
    for (let k = integer(rand, 1, 3); k > 0; k--) {
      at += uniform(rand, 1 * MIN, 3 * MIN);
      page(review, at, getPracticeRoute);
      at += uniform(rand, 3 * MIN, 10 * MIN);
      action(review, at, rand() < 0.7 ? publishRoute : returnRoute);
    }
  }
  // Once each: a retirement, a hidden question and answer (a reason to their authors), a change of a
  // city's representatives; at least one return, so that every route is called.
  const rareReview = [returnRoute, retireRoute, hideQuestionRoute, hideAnswerRoute];
  for (const route of rareReview)
    action(review, instants(rand, 1, OFFICE_HOURS, SECRETARIAT_OFFSET)[0] as number, route);
  const roster = instants(rand, 1, OFFICE_HOURS, SECRETARIAT_OFFSET)[0] as number;
  page(review, roster, getRepresentativesRoute);
  action(review, roster + uniform(rand, 30 * S, 2 * MIN), putRepresentativesRoute);

  // The weekly digest's unsubscribe link (a page that changes nothing, then its button), and open data.
  const links: Call[] = [];
  const unsubscribes = poissonArrivals(rand, 1, CITIZEN_HOURS, SECRETARIAT_OFFSET);
  if (unsubscribes.length === 0) unsubscribes.push(...instants(rand, 1, CITIZEN_HOURS, SECRETARIAT_OFFSET));
  for (const t of unsubscribes) {
    page(links, t, unsubscribeInfoRoute);
    action(links, t + uniform(rand, 5 * S, 30 * S), unsubscribeRoute);
  }
  const harvesters: Call[] = [];
  // Two city networks pull the JSON feed (two pages) and the vocabulary nightly; one pulls the CSV.
  for (let i = 0; i < 2; i++) {
    const at = rand() * DAY;
    harvesters.push(
      call(at, themesRoute),
      call(at + FOLLOW_UP, feedJsonRoute),
      call(at + 2 * FOLLOW_UP, feedJsonRoute),
    );
  }
  harvesters.push(call(rand() * DAY, feedCsvRoute));
  for (const t of poissonArrivals(rand, 3, CITIZEN_HOURS, 1)) harvesters.push(call(t, feedCsvRoute));

  return [
    {
      who: 'Visitors of the knowledge platform',
      model: `Poisson, ${CPS_CITIES.length} member cities' zones × 5 visits a day by local hour: the search page, 0–2 more searches or pages of results, a practice (60%; a fifth of those download an attachment), the questions and one of them (15%); 1 emailed practice link a day per zone; each page one API call`,
      calls: visitors,
    },
    {
      who: 'City representatives',
      model: `Poisson, 1 session a day per city in office hours (${CPS_CITIES.length} cities): their city's practices; half write (a draft created or edited, 1–4 saves, a file attached by 30%, half submitted), 30% read the questions and half of those answer; each session opens their own list (who they are, then their city's practices; a fifth also their questions); each day 2 relayed contacts with a reply, a question asked, an answer accepted, an adoption, 2 changes of followed themes, a translation, a file attached, an attachment removed`,
      calls: representatives,
    },
    {
      who: 'Secretariat reviewing practices',
      model:
        '2 review sessions in Seoul office hours: the queue, 1–3 practices read and published (70%) or returned; once each a return, a retirement, a hidden question, a hidden answer and a change of representatives',
      calls: review,
    },
    {
      who: 'Digest readers unsubscribing',
      model: "Poisson, 1 a day (at least one): the link's page, then its button",
      calls: links,
    },
    {
      who: 'Open data harvesters',
      model:
        '2 city networks pull the themes and two pages of practices.json nightly, 1 the CSV; 3 people download the CSV a day',
      calls: harvesters,
    },
  ];
}

/** The reference day for a seed: each source's calls, in arrival order. */
export function referenceDay(seed: number): TrafficSource[] {
  const rand = prng(seed);
  return [
    ...citizens(rand),
    ...open311Apps(rand),
    officials(rand),
    secretariat(rand),
    committee(rand),
    developers(rand),
    // Last, so that its draws leave the other sources' days as they were.
    citizenAnswers(rand),
    // Last, for the same reason.
    ...knowledge(rand),
  ].map((s) => ({ ...s, calls: [...s.calls].sort((a, b) => a.atMs - b.atMs) }));
}
