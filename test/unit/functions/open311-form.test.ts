import { parse } from 'node:querystring';
import { describe, expect, it, vi } from 'vitest';

// form.ts reuses the chain's zod error mapping (functions/shared/http.ts), which loads ddb.ts: it reads
// TABLE_NAME at module scope.
vi.stubEnv('TABLE_NAME', 'wego-unit');
const { apiKeyOf, NO_DESCRIPTION, parsePostForm, toRequestForm } = await import(
  '../../../functions/open311/form.ts'
);
const { HttpError } = await import('../../../functions/shared/problem.ts');

/** The spec's example request (POST Service Request, "Example Request"), with our district attribute. */
const SPEC_EXAMPLE =
  'api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[district]=Mission';

/** The form as the body parser hands it over (node:querystring, as middy's urlencode parser does). */
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

describe('parsePostForm + toRequestForm (POST Service Request arguments)', () => {
  it("maps the spec's example request to a CPS request", () => {
    const form = parsePostForm(formOf(SPEC_EXAMPLE));

    expect(toRequestForm(form)).toEqual({
      service: '001',
      district: 'Mission',
      description:
        'A large sinkhole is destroying the street\n\nMedia: http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg',
      location: { lat: 37.76524078, lng: -122.4212043 },
      address: '1234 5th street',
      contact: { name: 'john smith', email: 'smit333@sfgov.edu', phone: '111111111' },
    });
    expect(form.account_id).toBe('123456');
  });

  it("files a request without attribute[district] in the 'unspecified' district", () => {
    expect(toRequestForm(parsePostForm(valid)).district).toBe('unspecified');
  });

  it('accepts address_string alone as the location', () => {
    const request = toRequestForm(
      parsePostForm({ service_code: 'pothole', address_string: 'Main St & 2nd' }),
    );
    expect(request.address).toBe('Main St & 2nd');
    expect(request.location).toBeUndefined();
  });

  it('requires a location: lat & long or address_string', () => {
    const error = errorOf(() => parsePostForm({ service_code: 'pothole' }));
    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.message).toMatch(/location is required/);
  });

  it('says address_id alone cannot be resolved here', () => {
    const error = errorOf(() => parsePostForm({ service_code: 'pothole', address_id: '545483' }));
    expect(error.errors?.[0]?.message).toMatch(/address_id/);
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

  it('requires service_code', () => {
    const error = errorOf(() => parsePostForm({ lat: '1', long: '2' }));
    expect(error.errors).toContainEqual({ path: 'body.service_code', message: 'is required' });
  });

  it('refuses an unknown field and an unknown attribute', () => {
    const error = errorOf(() => parsePostForm({ ...valid, colour: 'red', 'attribute[size]': 'big' }));

    expect(error.status).toBe(400);
    expect(error.errors?.map((e) => e.path).sort()).toEqual(['body.attribute[size]', 'body.colour']);
  });

  it('refuses a field sent twice', () => {
    const error = errorOf(() => parsePostForm({ ...valid, description: ['a', 'b'] }));
    expect(error.errors).toContainEqual({ path: 'body.description', message: 'must be sent once' });
  });

  it('treats an empty field as absent ("Optional Arguments")', () => {
    const request = toRequestForm(parsePostForm({ ...valid, email: '', first_name: '', description: '' }));
    expect(request.contact).toBeUndefined();
    expect(request.description).toBe(NO_DESCRIPTION);
  });

  it('refuses a media_url that is not http(s), and an email that is not one', () => {
    expect(
      errorOf(() => parsePostForm({ ...valid, media_url: 'javascript:alert(1)' })).errors?.[0]?.path,
    ).toBe('body.media_url');
    expect(errorOf(() => parsePostForm({ ...valid, email: 'not-an-email' })).errors?.[0]?.path).toBe(
      'body.email',
    );
  });

  it('refuses a description over 4,000 characters (the spec limit)', () => {
    expect(errorOf(() => parsePostForm({ ...valid, description: 'x'.repeat(4001) })).status).toBe(400);
    expect(() => parsePostForm({ ...valid, description: 'x'.repeat(4000) })).not.toThrow();
  });

  it('keeps line breaks of the description (it "may contain line breaks")', () => {
    expect(toRequestForm(parsePostForm({ ...valid, description: 'line 1\nline 2' })).description).toBe(
      'line 1\nline 2',
    );
  });

  it('accepts jurisdiction_id and ignores it', () => {
    expect(toRequestForm(parsePostForm({ ...valid, jurisdiction_id: 'city.gov' }))).toEqual(
      toRequestForm(parsePostForm(valid)),
    );
  });
});

describe('apiKeyOf', () => {
  it('reads the api_key sent once, and nothing else', () => {
    expect(apiKeyOf({ api_key: ' abc ' })).toBe('abc');
    expect(apiKeyOf({ api_key: '' })).toBeUndefined();
    expect(apiKeyOf({})).toBeUndefined();
    expect(apiKeyOf({ api_key: ['a', 'b'] })).toBeUndefined();
  });
});
