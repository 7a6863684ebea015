// The bundle as a string, put into this function's own bundle by esbuild (a text import): Lambda has
// no node_modules to read it from.

import { gzipSync } from 'node:zlib';
import redoc from 'redoc/bundles/redoc.standalone.js' with { type: 'text' };
import type { HttpResponse } from '../shared/http.ts';

const HEADERS = {
  'content-type': 'text/javascript; charset=utf-8',
  // It changes only with a deployment (a new redoc version); a day of caching is cheap to wait out.
  'cache-control': 'public, max-age=86400',
  'x-content-type-options': 'nosniff',
  vary: 'accept-encoding',
};

/** About 1.1 MB as it is, a third of that gzipped; compressed once per cold start. */
const gzipped = gzipSync(redoc).toString('base64');

const acceptsGzip = (header: string | undefined) =>
  (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    return coding?.trim() === 'gzip' && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });

/** Redoc's standalone bundle, gzipped when the client takes gzip. */
export const redocResponse = (acceptEncoding: string | undefined): HttpResponse =>
  acceptsGzip(acceptEncoding)
    ? {
        statusCode: 200,
        headers: { ...HEADERS, 'content-encoding': 'gzip' },
        body: gzipped,
        isBase64Encoded: true,
      }
    : { statusCode: 200, headers: HEADERS, body: redoc };
