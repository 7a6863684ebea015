import { html, type SafeHtml } from '../../emails/html.ts';
import { formatDate } from '../../shared/i18n.ts';
import { panel, summaryList, tag } from '../components.ts';
import { type PageContent, pathIn } from '../layout.ts';
import { photoList } from '../photos.ts';
import type { CitizenKey } from './messages.ts';
import type { T } from './report-views.ts';
import { isOverdue, type PublicRequest, type TimelineEvent, timelineOf } from './timeline.ts';
import { coordinates, dateTime } from './words.ts';

/** The citizen's view of a request: where it stands, its story, what the city said, and when it is due. */

const statusTag = (t: T, r: PublicRequest) =>
  tag(
    t(`status.${r.status}` as CitizenKey),
    r.status === 'resolved' || r.status === 'closed' ? 'done' : undefined,
  );

const time = (t: T, iso: string) => html`<time datetime="${iso}">${dateTime(t, iso)}</time>`;
const day = (t: T, iso: string) => html`<time datetime="${iso}">${formatDate(t, iso)}</time>`;

function eventTitle(t: T, e: TimelineEvent): string {
  if (e.kind === 'assigned')
    return e.title ? t('timeline.assigned', { title: e.title }) : t('timeline.assignedNoTitle');
  return t(`timeline.${e.kind}` as CitizenKey);
}

/** The timeline, oldest first; public notes as the official wrote them. */
function timeline(t: T, r: PublicRequest): SafeHtml {
  return html`<ol class="timeline">
${timelineOf(r).map(
  (e) => html`<li class="timeline__item">
<h3 class="timeline__title">${eventTitle(t, e)}</h3>
<span class="timeline__date">${time(t, e.at)}</span>
${'note' in e && e.note ? html`<p class="note" dir="auto"><span class="visually-hidden">${t('timeline.noteFrom')} </span>${e.note}</p>` : ''}
</li>`,
)}
</ol>`;
}

/** When it is expected, and plainly when that has passed. */
function due(t: T, r: PublicRequest, now: number): SafeHtml {
  if (r.status === 'resolved' || r.status === 'closed') return html``;
  return isOverdue(r, now)
    ? html`<div class="report-overdue" role="note"><p class="body">${tag(t('follow.overdue.tag'), 'warning')} ${t('follow.overdue.body', { date: formatDate(t, r.expectedAt) })}</p></div>`
    : html`<p class="body">${t('follow.expected', { date: formatDate(t, r.expectedAt) })}</p>`;
}

/** The photos sent with the report, if any. */
function photos(t: T, r: PublicRequest): SafeHtml {
  if (!r.mediaUrls?.length) return html``;
  return html`<h2 class="heading heading--m">${t('follow.photos')}</h2>
${photoList(r.mediaUrls, {
  photo: (n, count) => t('follow.photo', { n, count }),
  elsewhere: (n, count) => t('follow.photoElsewhere', { n, count }),
})}`;
}

export function requestPage(t: T, r: PublicRequest, now = Date.now()): PageContent {
  const osm = r.location
    ? `https://www.openstreetmap.org/?mlat=${r.location.lat}&mlon=${r.location.lng}#map=18/${r.location.lat}/${r.location.lng}`
    : undefined;
  return {
    title: t('follow.title', { id: r.id }),
    body: html`<span class="caption">${t('follow.caption', { id: r.id })}</span>
<h1 class="heading">${t('follow.heading', { service: r.serviceName, district: r.district })}</h1>
<p class="body">${t('follow.status')} ${statusTag(t, r)}</p>
${due(t, r, now)}
${summaryList([
  { key: t('check.city'), value: r.cityName },
  { key: t('check.matter'), value: r.serviceName },
  { key: t('check.district'), value: r.district },
  ...(r.address ? [{ key: t('check.address'), value: r.address }] : []),
  ...(r.location && osm
    ? [
        {
          key: t('check.map'),
          value: html`${coordinates(t, r.location.lat, r.location.lng)}<br><a href="${osm}">${t('follow.openMap')}</a>`,
        },
      ]
    : []),
  ...(r.assignedTo ? [{ key: t('follow.official'), value: r.assignedTo.title }] : []),
  { key: t('follow.reported'), value: day(t, r.createdAt) },
  { key: t('follow.expectedKey'), value: day(t, r.expectedAt) },
])}
<h2 class="heading heading--m">${t('check.description')}</h2>
<p class="note" dir="auto">${r.description}</p>
${photos(t, r)}
<h2 class="heading heading--m">${t('follow.history')}</h2>
${timeline(t, r)}
<p class="body">${t('follow.private')}</p>`,
  };
}

/** After filing: the reference to keep, who has it, by when, and how to follow it. */
export function confirmationPage(t: T, r: PublicRequest): PageContent {
  const follow = pathIn(t.lang, `/requests/${encodeURIComponent(r.id)}`);
  return {
    title: t('sent.title'),
    body: html`${panel(t('sent.title'), html`${t('sent.reference')}<br>`, r.id)}
<h2 class="heading heading--m">${t('sent.next')}</h2>
<p class="body">${r.assignedTo ? t('sent.assigned', { title: r.assignedTo.title }) : t('sent.unassigned')}</p>
<p class="body">${t('sent.expected', { date: formatDate(t, r.expectedAt) })}</p>
<p class="body">${t('sent.emails')}</p>
<p class="body"><a href="${follow}">${t('sent.follow')}</a></p>
<p class="body"><a href="${pathIn(t.lang, '/report')}">${t('sent.another')}</a></p>`,
  };
}
