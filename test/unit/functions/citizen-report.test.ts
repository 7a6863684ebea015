import { describe, expect, it, vi } from 'vitest';
import { translator } from '../../../functions/shared/i18n.ts';
import { requestPage } from '../../../functions/web/citizen/follow-views.ts';
import { citizen } from '../../../functions/web/citizen/messages.ts';
import {
  answersOf,
  checkAnswers,
  fieldOfPath,
  idempotencyKey,
  photoIds,
  requestOf,
  stepsBefore,
  withPhotos,
} from '../../../functions/web/citizen/report-flow.ts';
import { isOverdue, type PublicRequest, timelineOf } from '../../../functions/web/citizen/timeline.ts';

const flow = '6f1d0c1e-3a7b-4c2e-9d1f-0a1b2c3d4e5f';
const complete = {
  flow,
  city: 'C1',
  service: 'pothole',
  district: 'Jongno',
  description: 'A hole.',
};

describe('the answers of a report', () => {
  it('are read from a form: known fields only, blanks left out, a flow id always', () => {
    const answers = answersOf({
      city: 'C1',
      district: '  ',
      description: 'x',
      evil: 'y',
      flow: 'not-a-uuid',
    });
    expect(answers).toMatchObject({ city: 'C1', description: 'x' });
    expect(answers).not.toHaveProperty('district');
    expect(answers).not.toHaveProperty('evil');
    expect(answers.flow).toMatch(/^[0-9a-f-]{36}$/);
    expect(answersOf({ flow }).flow).toBe(flow);
  });

  it('carry the photos as upload ids, sent as the request’s media; a refused one is asked again on the photos step', () => {
    const ids = ['a'.repeat(26), 'b'.repeat(26)];
    const answers = withPhotos(complete, ids);
    expect(photoIds(answers)).toEqual(ids);
    expect(requestOf(answers, 'en')).toMatchObject({ media: ids });
    expect(requestOf(complete, 'en')).not.toHaveProperty('media');
    expect(withPhotos(answers, [])).not.toHaveProperty('media');
    expect(fieldOfPath(['media', 1])).toBe('media');
    const refused = checkAnswers(withPhotos(complete, ['not an id']), stepsBefore('check'), 'en');
    expect(refused).toEqual([{ field: 'media', problem: 'invalid' }]);
  });

  it('are checked with the API’s own rules, only for the steps already asked', () => {
    expect(checkAnswers({ flow }, stepsBefore('where'), 'en')).toEqual([
      { field: 'city', problem: 'required' },
      { field: 'service', problem: 'required' },
    ]);
    expect(
      checkAnswers({ ...complete, description: undefined } as never, stepsBefore('description'), 'en'),
    ).toEqual([]);
    expect(checkAnswers({ ...complete, description: '  ' }, stepsBefore('check'), 'en')).toEqual([
      { field: 'description', problem: 'invalid' },
    ]);
    expect(checkAnswers({ ...complete, description: 'x'.repeat(4001) }, stepsBefore('check'), 'en')).toEqual([
      { field: 'description', problem: 'tooLong' },
    ]);
    expect(
      checkAnswers({ ...complete, email: 'nope', lat: '95', lng: '0' }, stepsBefore('check'), 'en'),
    ).toEqual([
      { field: 'lat', problem: 'invalid' },
      { field: 'email', problem: 'invalid' },
    ]);
    expect(
      checkAnswers(
        { ...complete, lat: '37.5', lng: '126.9', email: 'a@b.example' },
        stepsBefore('check'),
        'en',
      ),
    ).toEqual([]);
  });

  it('become the body of POST /cities/{cityId}/requests, anonymous unless a contact is given', () => {
    const body = requestOf({ ...complete, lat: '37.571', lng: '126.977', phone: '+82 2 1234 5678' }, 'ko');
    expect(body).toEqual({
      service: 'pothole',
      district: 'Jongno',
      description: 'A hole.',
      location: { lat: 37.571, lng: 126.977 },
      contact: { phone: '+82 2 1234 5678' },
      language: 'ko',
    });
    expect(requestOf(complete, 'en')).not.toHaveProperty('contact');
  });

  it('name the field of an API error', () => {
    expect(fieldOfPath(['contact', 'email'])).toBe('email');
    expect(fieldOfPath(['location', 'lng'])).toBe('lat');
    expect(fieldOfPath(['description'])).toBe('description');
    expect(fieldOfPath(['language'])).toBeUndefined();
  });

  it('give one Idempotency-Key per report: the same when sent again, another for another report', () => {
    const body = requestOf(complete, 'en');
    expect(idempotencyKey(complete, body)).toBe(idempotencyKey({ ...complete }, requestOf(complete, 'en')));
    expect(idempotencyKey(complete, body)).not.toBe(
      idempotencyKey({ ...complete, flow: flow.replace('6', '7') }, body),
    );
    expect(idempotencyKey(complete, body)).toMatch(/^[\x21-\x7e]{1,255}$/);
  });
});

const request = (over: Partial<PublicRequest> = {}): PublicRequest => ({
  id: 'ABCDEFGHJK12',
  cityId: 'C1',
  cityName: 'Seoul',
  service: 'pothole',
  serviceName: 'Potholes',
  district: 'Jongno',
  description: 'A <b>deep</b> hole',
  status: 'assigned',
  assignedTo: { name: 'Kim', title: 'Head of Roads' },
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  expectedAt: '2026-03-03T09:00:00.000Z',
  overdue: false,
  updates: [{ at: '2026-03-01T09:00:00.000Z', status: 'assigned', note: 'Assigned to Kim, Head of Roads' }],
  timeline: [
    { at: '2026-03-01T09:00:00.000Z', event: 'submitted' },
    { at: '2026-03-01T09:00:00.000Z', event: 'assigned', official: { name: 'Kim', title: 'Head of Roads' } },
  ],
  ...over,
});

describe('the timeline of a request', () => {
  it('tells each event of the history the API gives, with public notes and the assigned official’s title', () => {
    const r = request({
      status: 'assigned',
      timeline: [
        { at: '2026-03-01T09:00:00.000Z', event: 'submitted' },
        {
          at: '2026-03-01T09:00:00.000Z',
          event: 'assigned',
          official: { name: 'Kim', title: 'Head of Roads' },
        },
        { at: '2026-03-01T10:00:00.000Z', event: 'in_progress', note: 'On our way' },
        { at: '2026-03-01T11:00:00.000Z', event: 'note', note: 'Still at it' },
        { at: '2026-03-01T12:00:00.000Z', event: 'resolved', note: 'Done' },
        { at: '2026-03-02T08:00:00.000Z', event: 'reopened' },
        { at: '2026-03-02T08:00:00.000Z', event: 'assigned' },
      ],
    });
    expect(timelineOf(r)).toEqual([
      { kind: 'received', at: '2026-03-01T09:00:00.000Z' },
      { kind: 'assigned', at: '2026-03-01T09:00:00.000Z', title: 'Head of Roads' },
      { kind: 'in_progress', at: '2026-03-01T10:00:00.000Z', note: 'On our way' },
      { kind: 'note', at: '2026-03-01T11:00:00.000Z', note: 'Still at it' },
      { kind: 'resolved', at: '2026-03-01T12:00:00.000Z', note: 'Done' },
      { kind: 'reopened', at: '2026-03-02T08:00:00.000Z' },
      { kind: 'assigned', at: '2026-03-02T08:00:00.000Z' },
    ]);
    const page = requestPage(translator('en', citizen), r, Date.parse('2026-03-02T09:00:00.000Z')).body.value;
    expect(page).toContain('Reopened: the problem is not fixed');
  });

  it('says plainly when an open request is past its date', () => {
    const now = Date.parse('2026-03-04T00:00:00.000Z');
    expect(isOverdue(request(), now)).toBe(true);
    expect(isOverdue(request({ status: 'resolved' }), now)).toBe(false);
    expect(isOverdue(request({ overdue: true }), Date.parse('2026-03-02T00:00:00.000Z'))).toBe(true);
    const page = requestPage(translator('en', citizen), request(), now).body.value;
    expect(page).toContain('Overdue');
    expect(page).toContain('March 3, 2026');
  });

  it('escapes what people wrote and dates the events in the page’s language', () => {
    const page = requestPage(translator('ar', citizen), request(), Date.parse('2026-03-02T00:00:00.000Z'))
      .body.value;
    expect(page).toContain('A &lt;b&gt;deep&lt;/b&gt; hole');
    expect(page).toContain('أُسند إلى Head of Roads');
    expect(page).toMatch(/<time datetime="2026-03-01T09:00:00.000Z">[^<]*مارس[^<]*<\/time>/);
  });
});

describe('the photos of a request on its page', () => {
  const photos = [
    'https://wego.example/media/request-photo/0b7e3d5c-1a2b-4c3d-8e9f-001122334455.jpg',
    'https://wego.example/media/request-photo/1b7e3d5c-1a2b-4c3d-8e9f-001122334455.heic',
    'https://fms.example/photo/42.0.full.jpeg?a=1&b=2',
  ];

  it('shows the site’s own photos as images with alt text, and only links the others', () => {
    vi.stubEnv('SITE_URL', 'https://wego.example');
    const page = requestPage(
      translator('en', citizen),
      request({ mediaUrls: photos }),
      Date.parse('2026-03-02T00:00:00.000Z'),
    ).body.value;
    expect(page).toContain(
      `<a class="photos__link" href="${photos[0]}"><img class="photos__image" src="${photos[0]}" alt="Photo 1 of 3"`,
    );
    expect(page).toContain(
      `<a href="${photos[1]}" rel="noopener noreferrer nofollow">Photo 2 of 3, on another site</a>`,
    );
    expect(page).toContain(
      'href="https://fms.example/photo/42.0.full.jpeg?a=1&amp;b=2" rel="noopener noreferrer nofollow">Photo 3 of 3, on another site',
    );
    expect(page.match(/<img /g)).toHaveLength(1);
  });

  it('says nothing of photos when there are none, in any language', () => {
    const page = requestPage(translator('ar', citizen), request(), Date.parse('2026-03-02T00:00:00.000Z'))
      .body.value;
    expect(page).not.toContain('class="photos"');
    expect(page).not.toContain('الصور');
  });
});
