import busboy from 'busboy';
import { badRequest, type FieldError } from './problem.ts';

/**
 * multipart/form-data (RFC 7578), parsed by busboy from a body the function already holds: its fields
 * as a form (a field sent more than once is a list, as in a form-urlencoded body) and its files, in the
 * order sent. A part with a filename is a file. Limits are a 400 naming what was exceeded.
 */
export interface ReceivedFile {
  /** The part's field name (`media`, `photo1`...). */
  readonly field: string;
  /** Where a fault of this file is named: `body.<field>`, or `body.<field>.<n>` when the name repeats. */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** The name the browser gave the file (its own name, without folders), and the type it declared. */
  readonly fileName: string;
  readonly contentType: string;
}

export interface MultipartBody {
  readonly fields: Record<string, string | string[]>;
  readonly files: readonly ReceivedFile[];
}

export interface MultipartLimits {
  readonly files: number;
  readonly fileBytes: number;
  readonly fields: number;
  readonly fieldBytes: number;
}

/** What lenient decoding leaves for bytes that were not UTF-8 (busboy decodes fields that way). */
const REPLACEMENT = '\uFFFD';

export function parseMultipart(
  body: Buffer,
  contentType: string,
  limits: MultipartLimits,
): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string | string[]> = Object.create(null);
    const files: {
      field: string;
      fileName: string;
      contentType: string;
      chunks: Buffer[];
      truncated: boolean;
    }[] = [];
    const errors: FieldError[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: {
          files: limits.files,
          fileSize: limits.fileBytes,
          fields: limits.fields,
          fieldSize: limits.fieldBytes,
          parts: limits.files + limits.fields,
        },
      });
    } catch {
      // No boundary, or not multipart at all.
      reject(badRequest('The multipart body has no boundary'));
      return;
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated)
        errors.push({ path: `body.${name}`, message: `must be at most ${limits.fieldBytes} bytes` });
      if (value.includes(REPLACEMENT) || name.includes(REPLACEMENT))
        errors.push({ path: `body.${name.toWellFormed()}`, message: 'is not valid UTF-8' });
      const prior = fields[name];
      fields[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    });
    parser.on('file', (field, stream, info) => {
      const file = {
        field,
        fileName: info.filename ?? '',
        contentType: info.mimeType,
        chunks: [] as Buffer[],
        truncated: false,
      };
      files.push(file);
      stream.on('data', (chunk: Buffer) => file.chunks.push(chunk));
      stream.on('limit', () => {
        file.truncated = true;
      });
    });
    parser.on('filesLimit', () => errors.push({ path: 'body', message: `at most ${limits.files} files` }));
    parser.on('fieldsLimit', () => errors.push({ path: 'body', message: `at most ${limits.fields} fields` }));
    parser.on('partsLimit', () =>
      errors.push({ path: 'body', message: `at most ${limits.files + limits.fields} parts` }),
    );
    parser.on('error', () => reject(badRequest('The multipart body is malformed')));
    parser.on('close', () => {
      const count = new Map<string, number>();
      for (const f of files) count.set(f.field, (count.get(f.field) ?? 0) + 1);
      const seen = new Map<string, number>();
      const received = files.map((f) => {
        const n = seen.get(f.field) ?? 0;
        seen.set(f.field, n + 1);
        const path = count.get(f.field) === 1 ? `body.${f.field}` : `body.${f.field}.${n}`;
        if (f.truncated) errors.push({ path, message: `must be at most ${limits.fileBytes} bytes` });
        return {
          field: f.field,
          path,
          bytes: new Uint8Array(Buffer.concat(f.chunks)),
          fileName: f.fileName,
          contentType: f.contentType,
        };
      });
      if (errors.length > 0) reject(badRequest('The multipart body is not accepted', errors));
      else resolve({ fields, files: received });
    });
    parser.end(body);
  });
}
