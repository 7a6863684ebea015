import { XMLBuilder } from 'fast-xml-parser';
import type { HttpEvent, HttpResponse } from '../shared/http.ts';
import { HttpError } from '../shared/problem.ts';

/**
 * Open311 GeoReport v2 documents in its two formats. The JSON form is the reference; the XML form
 * follows from it by the Spark convention the spec names ("JSON Support"): a JSON array is an
 * element holding one child element per item (`services` → `<services><service>…`), an object is an
 * element with one child per key, null is an empty element.
 */
export type Format = 'json' | 'xml';

export const FORMATS: readonly Format[] = ['json', 'xml'];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The MIME types discovery lists for every endpoint. */
export const MIME_TYPES = ['application/json', 'text/xml'] as const;

export interface FileName {
  /** What comes before the extension: a document name, a service_code or a service_request_id. */
  readonly name: string;
  readonly format: Format;
}

/**
 * `requests.json` → `{ name: 'requests', format: 'json' }`. API Gateway cannot put a literal and a
 * parameter in one path segment, so routes take the whole segment and the extension is read here.
 * Anything without a `.json` or `.xml` extension, or with nothing before it, is undefined (a 404).
 */
export function parseFileName(segment: string): FileName | undefined {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const format = segment.slice(dot + 1);
  if (format !== 'json' && format !== 'xml') return undefined;
  return { name: segment.slice(0, dot), format };
}

/** The format an answer (or an error) goes out in: the extension of the path's last segment; JSON otherwise. */
export function formatOfPath(path: string | undefined): Format {
  return /\.xml$/i.test(path ?? '') ? 'xml' : 'json';
}

/** JSON name of a list → XML element name of each item (Spark convention, names from the spec). */
const ITEM_ELEMENTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

/** Characters XML 1.0 does not allow, even escaped (controls but tab/LF/CR, U+FFFE/FFFF, lone surrogates); dropped. */
const NOT_XML_CHAR = /(?![\t\n\r])\p{Cc}|[\uFFFE\uFFFF\uD800-\uDFFF]/gu;

function toXmlNode(name: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENTS[name];
    if (!item) throw new Error(`No XML item element for the list "${name}"`);
    return value.length === 0 ? '' : { [item]: value.map((v) => toXmlNode(item, v)) };
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toXmlNode(k, v)]),
    );
  }
  if (typeof value === 'string') return value.replace(NOT_XML_CHAR, '');
  return value;
}

const builder = new XMLBuilder({
  format: true,
  indentBy: '  ',
  processEntities: true,
  suppressEmptyNode: false,
});

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** The XML document for a JSON value, e.g. `toXml('services', [...])` → `<services><service>…</service></services>`. */
export function toXml(root: string, value: unknown): string {
  return `${XML_DECLARATION}\n${builder.build({ [root]: toXmlNode(root, value) })}`;
}

const HEADERS = { 'x-content-type-options': 'nosniff' };

/** One answer in the requested format; `root` names the XML root element. */
export function open311Response(
  statusCode: number,
  format: Format,
  root: string,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': CONTENT_TYPES[format], 'cache-control': 'no-store', ...HEADERS, ...headers },
    body: format === 'xml' ? toXml(root, body) : JSON.stringify(body),
  };
}

/**
 * GeoReport v2 "Errors": 404 for what does not exist, 403 for a missing or wrong api_key, 400 for
 * anything else the client must fix. 409 (an Idempotency-Key reused with another request), 413, 415
 * and 5xx keep their HTTP meaning. Each field error becomes one entry of the error array.
 */
export function open311Error(error: HttpError, format: Format): HttpResponse {
  const status = error.status === 401 ? 403 : error.status;
  const descriptions =
    error.errors && error.errors.length > 0
      ? error.errors.map((e) => (fieldName(e.path) ? `${fieldName(e.path)}: ${e.message}` : e.message))
      : [error.detail];
  return open311Response(
    status,
    format,
    'errors',
    descriptions.map((description) => ({ code: status, description })),
  );
}

/** `body.attribute[district]` → `attribute[district]`: clients know the form and query names, not our prefixes. */
const fieldName = (path: string) => path.replace(/^(body|query|path)\.?/, '');

/** The `errorResponse` of every Open311 route: the error in the format the path asked for. */
export const open311ErrorResponse = (error: HttpError, event: HttpEvent): HttpResponse =>
  open311Error(error, formatOfPath(event.rawPath));

export const open311NotFound = (what: string) => new HttpError(404, what);
