import { parse } from 'node:querystring';
import { describe, expect, it, vi } from 'vitest';

// form.ts reuses the chain's zod error mapping (functions/shared/http.ts), which loads ddb.ts: it reads
// TABLE_NAME at module scope.
vi.stubEnv('TABLE_NAME', 'wego-unit');
const { apiKeyOf, attributePath, NO_DESCRIPTION, parsePostForm, parseUpdateForm } = await import(
  '../../../functions/open311/form.ts'
);
const { HttpError } = await import('../../../functions/shared/problem.ts');

/** The spec's example request (POST Service Request, "Example Request"), with our district attribute. */
const SPEC_EXAMPLE =
  'api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[district]=Mission';

/** The form as the body parser hands it over (a repeated field is a list). */
const formOf = (body: string) => parse(body);

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

const valid = { service_code: 'pothole', lat: '37.5', long: '127.0' };
const requestOf = (form: Parameters<typeof parsePostForm>[0]) => parsePostForm(form).request;

describe('parsePostForm (POST Service Request arguments)', () => {
  it("maps the spec's example request to a CPS request, media_url kept apart from the description", () => {
    const posted = parsePostForm(formOf(SPEC_EXAMPLE));

    expect(posted.request).toEqual({
      service: '001',
      district: 'Mission',
      description: 'A large sinkhole is destroying the street',
      location: { lat: 37.76524078, lng: -122.4212043 },
      address: '1234 5th street',
      mediaUrls: ['http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg'],
      extra: { device_id: 'tt222111', account_id: '123456' },
      contact: { name: 'john smith', email: 'smit333@sfgov.edu', phone: '111111111' },
    });
    expect(posted.accountId).toBe('123456');
  });

  it('keeps every media_url of a repeated field, in order (FixMyStreet multi_photos)', () => {
    const request = requestOf(
      formOf(
        'service_code=pothole&lat=1&long=2&media_url=https%3A%2F%2Fa.example%2F1.jpeg&media_url=https%3A%2F%2Fa.example%2F2.jpeg',
      ),
    );
    expect(request.mediaUrls).toEqual(['https://a.example/1.jpeg', 'https://a.example/2.jpeg']);
    expect(request.description).toBe(NO_DESCRIPTION);
  });

  it('refuses more than 10 media links, and links that are not http(s)', () => {
    const many = Array.from({ length: 11 }, (_, i) => `https://a.example/${i}.jpeg`);
    expect(errorOf(() => parsePostForm({ ...valid, media_url: many })).errors).toContainEqual({
      path: 'body.media_url',
      message: 'at most 10 links',
    });
    expect(
      errorOf(() =>
        parsePostForm({ ...valid, media_url: ['https://ok.example/1.jpg', 'javascript:alert(1)'] }),
      ).errors?.[0]?.path,
    ).toBe('body.media_url.1');
  });

  it("files a request without attribute[district] in the 'unspecified' district", () => {
    expect(requestOf(valid).district).toBe('unspecified');
  });

  it('reads attribute[code] and attribute[code][] (a multivaluelist) as answers, district apart', () => {
    const request = requestOf(
      formOf(
        'service_code=pothole&lat=1&long=2&attribute[district]=Centro&attribute[size]=big&attribute[kinds][]=a&attribute[kinds][]=b&attribute[one][]=x',
      ),
    );
    expect(request.district).toBe('Centro');
    expect(request.attributes).toEqual({ size: 'big', kinds: ['a', 'b'], one: ['x'] });
  });

  it('keeps fields it has no place for as sent (deviceid, attributes with odd codes)', () => {
    const request = requestOf({
      ...valid,
      deviceid: 'Potholes app',
      'attribute[not a code]': 'x',
      title: ['a', 'b'],
    });
    expect(request.extra).toEqual({
      deviceid: 'Potholes app',
      'attribute[not a code]': 'x',
      title: ['a', 'b'],
    });
  });

  it('never keeps the api_key nor jurisdiction_id', () => {
    const request = requestOf({ ...valid, api_key: 'secret-key', jurisdiction_id: 'city.gov' });
    expect(JSON.stringify(request)).not.toContain('secret-key');
    expect(request.extra).toBeUndefined();
  });

  it('bounds what it keeps: at most 20 fields and 8 KB, each value 2,000 characters', () => {
    const fields = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}`, 'x']));
    expect(errorOf(() => parsePostForm({ ...valid, ...fields })).errors?.[0]?.path).toBe('body');
    const big = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}`, 'x'.repeat(1900)]));
    expect(errorOf(() => parsePostForm({ ...valid, ...big })).errors?.[0]?.path).toBe('body');
    expect(errorOf(() => parsePostForm({ ...valid, note: 'x'.repeat(2001) })).errors?.[0]?.path).toBe(
      'body.note',
    );
    expect(errorOf(() => parsePostForm({ ...valid, 'a\u0000b': 'x' })).errors?.[0]?.message).toMatch(
      /field name/,
    );
  });

  it('bounds the attributes: 50 codes, a text of 4,000 characters, lists of 200', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`attribute[a${i}]`, 'x']));
    expect(errorOf(() => parsePostForm({ ...valid, ...many })).status).toBe(400);
    expect(
      errorOf(() => parsePostForm({ ...valid, 'attribute[a]': 'x'.repeat(4001) })).errors?.[0]?.path,
    ).toBe('body.attribute[a]');
  });

  it('accepts address_string alone, and address_id alone (FixMyStreet send_notpinpointed)', () => {
    const byAddress = requestOf({ service_code: 'pothole', address_string: 'Main St & 2nd' });
    expect(byAddress.address).toBe('Main St & 2nd');
    expect(byAddress.location).toBeUndefined();
    const notPinpointed = requestOf({ service_code: 'pothole', address_id: '#NOTPINPOINTED#' });
    expect(notPinpointed.addressId).toBe('#NOTPINPOINTED#');
    expect(notPinpointed.location).toBeUndefined();
  });

  it('requires a location: lat & long, address_string or address_id', () => {
    const error = errorOf(() => parsePostForm({ service_code: 'pothole' }));
    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.message).toMatch(/location is required/);
  });

  it('requires lat and long together', () => {
    const error = errorOf(() => parsePostForm({ service_code: 'pothole', lat: '37.5', address_string: 'x' }));
    expect(error.errors).toEqual([{ path: 'body.long', message: 'lat and long must be sent together' }]);
  });

  it.each([
    ['lat', '91'],
    ['lat', 'north'],
    ['long', '-180.5'],
    ['long', '1e3'],
  ])('refuses %s=%s', (field, value) => {
    const error = errorOf(() => parsePostForm({ ...valid, [field]: value }));
    expect(error.errors?.[0]?.path).toBe(`body.${field}`);
  });

  it('requires service_code, and answers one that cannot be a code as not found (404)', () => {
    expect(errorOf(() => parsePostForm({ lat: '1', long: '2' })).errors).toContainEqual({
      path: 'body.service_code',
      message: 'is required',
    });
    const malformed = errorOf(() => parsePostForm({ ...valid, service_code: 'PO.01' }));
    expect(malformed.status).toBe(404);
    expect(malformed.detail).toBe('service_code PO.01 was not found');
  });

  it('refuses a single field sent twice, and attribute[district] sent twice', () => {
    expect(errorOf(() => parsePostForm({ ...valid, description: ['a', 'b'] })).errors).toContainEqual({
      path: 'body.description',
      message: 'must be sent once',
    });
    expect(
      errorOf(() => parsePostForm({ ...valid, 'attribute[district]': ['a', 'b'] })).errors,
    ).toContainEqual({
      path: 'body.attribute[district]',
      message: 'must be sent once',
    });
  });

  it('treats an empty field as absent ("Optional Arguments")', () => {
    const request = requestOf({ ...valid, email: '', first_name: '', description: '', media_url: '' });
    expect(request.contact).toBeUndefined();
    expect(request.mediaUrls).toBeUndefined();
    expect(request.description).toBe(NO_DESCRIPTION);
  });

  it('refuses an email that is not one', () => {
    expect(errorOf(() => parsePostForm({ ...valid, email: 'not-an-email' })).errors?.[0]?.path).toBe(
      'body.email',
    );
  });

  it('refuses a description over 4,000 characters (the spec limit), keeps its line breaks', () => {
    expect(errorOf(() => parsePostForm({ ...valid, description: 'x'.repeat(4001) })).status).toBe(400);
    expect(requestOf({ ...valid, description: 'line 1\nline 2' }).description).toBe('line 1\nline 2');
  });
});

describe('attributePath: the CPS names of attribute errors as a form names them', () => {
  it.each([
    ['body.attributes.size', 'body.attribute[size]'],
    ['body.attributes.kinds.1', 'body.attribute[kinds].1'],
    ['body.district', 'body.attribute[district]'],
    ['body.service', 'body.service'],
  ])('%s → %s', (from, to) => {
    expect(attributePath(from)).toBe(to);
  });
});

describe('parseUpdateForm (FixMyStreet post_service_request_update)', () => {
  /** What perllib/Open311.pm's _populate_service_request_update_params sends, plus _request's keys. */
  const fms = {
    jurisdiction_id: 'city',
    api_key: 'k',
    updated_datetime: '2026-05-01T10:00:00+01:00',
    service_request_id: 'K7Q2M9XW4T1B',
    status: 'OPEN',
    description: 'Still there, and deeper',
    last_name: 'Smith',
    first_name: 'John',
    email: 'John@Citizen.example',
    update_id: '4321',
    media_url: 'https://fms.example/photo/c/4321.0.full.jpeg',
  };

  it('keeps the comment, its author, its photo and the status the app reports', () => {
    expect(parseUpdateForm(fms)).toEqual({
      requestId: 'K7Q2M9XW4T1B',
      note: 'Still there, and deeper',
      comment: {
        updateId: '4321',
        reportedStatus: 'OPEN',
        writtenAt: '2026-05-01T10:00:00+01:00',
        author: { name: 'John Smith', email: 'john@citizen.example' },
        mediaUrls: ['https://fms.example/photo/c/4321.0.full.jpeg'],
      },
    });
  });

  it("reads Bromley's update_id_ext, a lower-case status, and keeps unknown fields", () => {
    const { update_id: _, ...rest } = fms;
    const posted = parseUpdateForm({
      ...rest,
      update_id_ext: '99',
      status: 'fixed',
      title: 'Mr',
      last_name: '-',
    });
    expect(posted.comment.updateId).toBe('99');
    expect(posted.comment.reportedStatus).toBe('FIXED');
    expect(posted.comment.author).toEqual({ name: 'John', email: 'john@citizen.example' });
    expect(posted.comment.extra).toEqual({ title: 'Mr' });
  });

  it('says what a comment without text carries', () => {
    const { description: _, ...silent } = fms;
    expect(parseUpdateForm(silent).note).toBe('The app reports the request as OPEN.');
    const { status: _s, media_url: _m, ...empty } = silent;
    expect(errorOf(() => parseUpdateForm(empty)).errors?.[0]?.path).toBe('body.description');
  });

  it.each([
    ['service_request_id', 'REQUEST#X'],
    ['status', 'DONE'],
    ['updated_datetime', 'yesterday'],
    ['updated_datetime', '10000-01-01T00:00:00Z'],
  ])('refuses %s=%s', (field, value) => {
    expect(errorOf(() => parseUpdateForm({ ...fms, [field]: value })).errors?.[0]?.path).toBe(
      `body.${field}`,
    );
  });
});

describe('apiKeyOf', () => {
  it('reads the api_key of the body or of the query string', () => {
    expect(apiKeyOf({ api_key: ' abc ' })).toBe('abc');
    expect(apiKeyOf({}, { api_key: 'abc' })).toBe('abc');
    expect(apiKeyOf({ api_key: 'abc' }, { api_key: 'abc' })).toBe('abc');
    expect(apiKeyOf({ api_key: '' })).toBeUndefined();
    expect(apiKeyOf({})).toBeUndefined();
  });

  it('refuses two different keys, and a key sent twice (403)', () => {
    expect(errorOf(() => apiKeyOf({ api_key: 'a' }, { api_key: 'b' })).status).toBe(403);
    expect(errorOf(() => apiKeyOf({ api_key: ['a', 'b'] })).status).toBe(403);
  });
});
