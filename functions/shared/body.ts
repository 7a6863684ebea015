import { parseMultipart, type ReceivedFile } from './multipart.ts';
import { badRequest, type FieldError, HttpError } from './problem.ts';
import type { BodyType } from './route.ts';

/**
 * Reading a request body: its media type and charset, its bytes as strict UTF-8, then JSON or a form,
 * and every string in it well-formed Unicode. Text that is not well formed is refused here, at the
 * door: stored, it would break every email that quotes it (the SES SDK throws on a lone surrogate).
 */
const MEDIA_TYPES: Record<BodyType, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
};

/** What the mark of bytes that were not UTF-8 looks like once something upstream decoded them leniently. */
const REPLACEMENT = '\uFFFD';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface ContentType {
  readonly type: string;
  readonly charset?: string;
}

export function parseContentType(header: string | undefined): ContentType | undefined {
  if (!header) return undefined;
  const [type = '', ...params] = header.split(';').map((p) => p.trim());
  const charset = params
    .map((p) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { type: type.toLowerCase(), ...(charset ? { charset: charset.toLowerCase() } : {}) };
}

export const bodyTypeOf = (type: string): BodyType | undefined =>
  type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)
    ? 'json'
    : type === MEDIA_TYPES.form
      ? 'form'
      : type === MEDIA_TYPES.multipart
        ? 'multipart'
        : undefined;

export const isEmptyBody = (body: unknown): boolean =>
  body === undefined || body === null || (typeof body === 'string' && body.trim() === '');

/**
 * The parsed body of a request whose route takes `types`. Throws 415 for another media type or a
 * charset other than UTF-8, and 400 for bytes that are not UTF-8, malformed JSON, or text with a lone
 * surrogate (naming the field).
 */
export function readBody(
  event: { body?: unknown; isBase64Encoded?: boolean },
  contentType: string | undefined,
  types: readonly BodyType[],
): unknown {
  const kind = checkedKind(event, contentType, types);
  if (kind === 'multipart') throw new Error('a multipart body is read with readRequestBody');
  const text = decodeText(String(event.body), event.isBase64Encoded === true);
  const parsed = kind === 'json' ? parseJson(text) : parseForm(text);
  const errors = malformedText(parsed, 'body');
  if (errors.length > 0) throw badRequest('Some text is not well-formed Unicode', errors);
  return parsed;
}

/** The body's kind, if the route takes it: 415 otherwise, or for a charset other than UTF-8. */
function checkedKind(
  event: { body?: unknown },
  contentType: string | undefined,
  types: readonly BodyType[],
): BodyType {
  if (isEmptyBody(event.body)) throw badRequest('A request body is required');
  const media = parseContentType(contentType);
  const kind = media ? bodyTypeOf(media.type) : undefined;
  if (!kind || !types.includes(kind)) {
    throw new HttpError(415, `Send the body as ${types.map((t) => MEDIA_TYPES[t]).join(' or ')}`);
  }
  if (media?.charset !== undefined && media.charset !== 'utf-8' && media.charset !== 'utf8') {
    throw new HttpError(415, `Send the body in UTF-8 (charset=utf-8), not ${media.charset}`);
  }
  return kind;
}

/** `readBody`, and also multipart/form-data where the route takes it: its fields as the body, and its files. */
export async function readRequestBody(
  event: { body?: unknown; isBase64Encoded?: boolean },
  contentType: string | undefined,
  types: readonly BodyType[],
): Promise<{ body: unknown; files?: readonly ReceivedFile[] }> {
  if (checkedKind(event, contentType, types) !== 'multipart')
    return { body: readBody(event, contentType, types) };
  const bytes = Buffer.from(String(event.body), event.isBase64Encoded === true ? 'base64' : 'utf8');
  const { fields, files } = await parseMultipart(bytes, contentType as string, MULTIPART_LIMITS);
  const errors = malformedText(fields, 'body');
  if (errors.length > 0) throw badRequest('Some text is not well-formed Unicode', errors);
  return { body: fields, files };
}

/**
 * What a multipart body may hold: the photos of a request (5 of at most 10 MB, as uploads take them;
 * the body's own bound, MAX_MULTIPART_BYTES, is lower in practice) and a form's fields.
 */
const MULTIPART_LIMITS = { files: 5, fileBytes: 10 * 1024 * 1024, fields: 100, fieldBytes: 16 * 1024 };

function decodeText(raw: string, base64: boolean): string {
  const notUtf8 = () => badRequest('The body is not valid UTF-8');
  if (base64) {
    try {
      return strictUtf8.decode(Buffer.from(raw, 'base64'));
    } catch {
      throw notUtf8();
    }
  }
  if (raw.includes(REPLACEMENT) || !raw.isWellFormed()) throw notUtf8();
  return raw;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON');
  }
}

/** Percent-escapes to bytes, then strict UTF-8: node's own decoders would turn bad bytes into U+FFFD. */
function decodeFormPart(part: string): string | undefined {
  const chunks = part
    .replaceAll('+', ' ')
    .match(/%[0-9a-fA-F]{2}|[^%]+|%/g)
    ?.map((chunk) =>
      /^%[0-9a-fA-F]{2}$/.test(chunk) ? Buffer.of(Number.parseInt(chunk.slice(1), 16)) : Buffer.from(chunk),
    );
  try {
    return strictUtf8.decode(Buffer.concat(chunks ?? []));
  } catch {
    return undefined;
  }
}

/** application/x-www-form-urlencoded: a field sent more than once becomes a list, as node's querystring does. */
export function parseForm(text: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = Object.create(null);
  const errors: FieldError[] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decodeFormPart(at === -1 ? pair : pair.slice(0, at));
    const value = decodeFormPart(at === -1 ? '' : pair.slice(at + 1));
    if (name === undefined) {
      errors.push({ path: 'body', message: 'a field name is not valid UTF-8' });
      continue;
    }
    if (value === undefined) {
      errors.push({ path: `body.${name}`, message: 'is not valid UTF-8' });
      continue;
    }
    const prior = form[name];
    form[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  if (errors.length > 0) throw badRequest('The body is not valid UTF-8', errors);
  return form;
}

/**
 * Paths of the strings (keys included) in a parsed value that are not well-formed Unicode: a lone
 * surrogate, which JSON's `\ud800` escape can carry; or, where `strict` (query strings and paths,
 * which the gateway decodes leniently), the replacement character that stands for bad bytes.
 */
export function malformedText(value: unknown, path: string, strict = false): FieldError[] {
  const bad = (s: string) => !s.isWellFormed() || (strict && s.includes(REPLACEMENT));
  if (typeof value === 'string') {
    return bad(value) ? [{ path, message: 'must be well-formed Unicode text' }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => malformedText(v, `${path}.${i}`, strict));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      bad(k)
        ? [{ path: `${path}.${k.toWellFormed()}`, message: 'is not a well-formed field name' }]
        : malformedText(v, `${path}.${k}`, strict),
    );
  }
  return [];
}
