import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  formatOfPath,
  open311Error,
  open311ErrorResponse,
  open311Response,
  parseFileName,
  toXml,
} from '../../../functions/open311/format.ts';
import { HttpError } from '../../../functions/shared/problem.ts';
import { httpEvent } from '../support/http-event.ts';

/** Lists that hold one item still parse as arrays, so assertions read the same for one item or many. */
const parser = new XMLParser({
  isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format', 'attribute'].includes(name),
  parseTagValue: false,
});

describe('parseFileName: the extension of a whole path segment (Format Support)', () => {
  it.each([
    ['requests.json', { name: 'requests', format: 'json' }],
    ['services.xml', { name: 'services', format: 'xml' }],
    ['discovery.xml', { name: 'discovery', format: 'xml' }],
    ['street-light_2.json', { name: 'street-light_2', format: 'json' }],
  ])('reads %s', (segment, expected) => {
    expect(parseFileName(segment)).toEqual(expected);
  });

  it('reads only the last extension', () => {
    expect(parseFileName('requests.xml.json')).toEqual({ name: 'requests.xml', format: 'json' });
  });

  it.each(['requests', 'requests.html', 'requests.', '.json', 'requests.JSON2', 'requests.Json '])(
    'refuses %j (no .json or .xml extension, or nothing before it)',
    (segment) => {
      expect(parseFileName(segment)).toBeUndefined();
    },
  );
});

describe('formatOfPath', () => {
  it('answers in XML when the path ends in .xml, JSON otherwise', () => {
    expect(formatOfPath('/open311/v2/c1/requests.xml')).toBe('xml');
    expect(formatOfPath('/open311/v2/c1/requests/ABC.XML')).toBe('xml');
    expect(formatOfPath('/open311/v2/c1/requests.json')).toBe('json');
    expect(formatOfPath('/open311/v2/c1/requests.html')).toBe('json');
    expect(formatOfPath(undefined)).toBe('json');
  });
});

describe('toXml (XML Support, Spark convention)', () => {
  it('starts with the XML declaration with encoding utf-8 and is well-formed', () => {
    const xml = toXml('services', [{ service_code: 'a', service_name: 'A' }]);

    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('writes a list as one child element per item: <services><service>', () => {
    const xml = toXml('services', [
      { service_code: 'a', metadata: true },
      { service_code: 'b', metadata: false },
    ]);

    const parsed = parser.parse(xml);
    expect(parsed.services.service).toEqual([
      { service_code: 'a', metadata: 'true' },
      { service_code: 'b', metadata: 'false' },
    ]);
  });

  it('writes request lists as <service_requests><request>', () => {
    const parsed = parser.parse(toXml('service_requests', [{ service_request_id: 'X1' }]));
    expect(parsed.service_requests.request).toEqual([{ service_request_id: 'X1' }]);
  });

  it('writes nested lists of discovery: endpoints/endpoint and formats/format', () => {
    const xml = toXml('discovery', {
      changeset: '2026-01-01T00:00:00Z',
      endpoints: [{ url: 'https://x', formats: ['application/json', 'text/xml'] }],
    });

    const parsed = parser.parse(xml);
    expect(parsed.discovery.endpoints.endpoint[0].formats.format).toEqual(['application/json', 'text/xml']);
  });

  it('writes an empty list as an empty root element', () => {
    const xml = toXml('services', []);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<services></services>');
  });

  it('writes null as an empty element and leaves undefined out', () => {
    const xml = toXml('service_requests', [{ service_request_id: 'X1', status_notes: null, lat: undefined }]);
    expect(xml).toMatch(/<status_notes\s*\/>|<status_notes><\/status_notes>/);
    expect(xml).not.toContain('<lat');
  });

  it('escapes markup in values, so citizen text cannot add elements', () => {
    const evil = '</description><status>closed</status><x a="1">&amp; \'q\'';
    const xml = toXml('service_requests', [{ service_request_id: 'X1', description: evil }]);

    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ isArray: (n) => n === 'request', parseTagValue: false }).parse(xml);
    expect(parsed.service_requests.request[0].description).toBe(evil);
    expect(parsed.service_requests.request[0].status).toBeUndefined();
  });

  it('drops characters XML 1.0 cannot carry and keeps line breaks and non-Latin text', () => {
    const xml = toXml('service_requests', [{ description: 'a\u0000b\u0007c\nd São Paulo 서울 \uFFFE' }]);

    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml);
    expect(parsed.service_requests.request[0].description).toBe('abc\nd São Paulo 서울');
  });

  it('refuses a list it has no item element for, rather than writing invalid XML', () => {
    expect(() => toXml('things', [1, 2])).toThrow(/No XML item element/);
  });
});

describe('open311Response', () => {
  it('sets the content types the spec names, with charset utf-8', () => {
    expect(open311Response(200, 'json', 'services', []).headers?.['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(open311Response(200, 'xml', 'services', []).headers?.['content-type']).toBe(
      'text/xml; charset=utf-8',
    );
  });

  it('writes JSON as the plain value (a root array for lists)', () => {
    const res = open311Response(200, 'json', 'services', [{ service_code: 'a' }]);
    expect(JSON.parse(res.body ?? '')).toEqual([{ service_code: 'a' }]);
  });
});

describe('open311Error (GeoReport v2 "Errors")', () => {
  it('answers JSON as an array of { code, description } with the HTTP status', () => {
    const res = open311Error(new HttpError(403, 'Invalid api_key received'), 'json');

    expect(res.statusCode).toBe(403);
    expect(res.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body ?? '')).toEqual([{ code: 403, description: 'Invalid api_key received' }]);
  });

  it('answers XML as <errors><error><code/><description/></error></errors>', () => {
    const res = open311Error(new HttpError(404, 'service_code x was not found'), 'xml');

    expect(res.statusCode).toBe(404);
    expect(res.headers?.['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.body?.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(XMLValidator.validate(res.body ?? '')).toBe(true);
    expect(parser.parse(res.body ?? '').errors.error).toEqual([
      { code: '404', description: 'service_code x was not found' },
    ]);
  });

  it('returns one error per field at fault ("Multiple errors codes and descriptions can be returned")', () => {
    const error = new HttpError(400, 'The query is not valid', [
      { path: 'query.start_date', message: 'must be a w3 date-time' },
      { path: 'body.attribute[color]', message: 'unknown field "attribute[color]"' },
    ]);

    const body = JSON.parse(open311Error(error, 'json').body ?? '');

    expect(body).toEqual([
      { code: 400, description: 'start_date: must be a w3 date-time' },
      { code: 400, description: 'attribute[color]: unknown field "attribute[color]"' },
    ]);
  });

  it('never answers problem+json', () => {
    const res = open311Error(new HttpError(500, 'Something went wrong'), 'json');
    expect(res.headers?.['content-type']).not.toContain('problem');
  });

  it('takes the format from the path of the event', () => {
    const xml = open311ErrorResponse(
      new HttpError(404, 'nope'),
      httpEvent({ path: '/open311/v2/c1/requests/ABC.xml' }),
    );
    const json = open311ErrorResponse(
      new HttpError(404, 'nope'),
      httpEvent({ path: '/open311/v2/c1/x.html' }),
    );

    expect(xml.headers?.['content-type']).toMatch(/^text\/xml/);
    expect(json.headers?.['content-type']).toMatch(/^application\/json/);
  });
});
