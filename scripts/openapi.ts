// Prints the OpenAPI document of the API (built from functions/routes.ts) as JSON, e.g. for `redocly lint`.
import { buildDocument } from '../functions/docs/document.ts';

process.stdout.write(`${JSON.stringify(buildDocument(), null, 2)}\n`);
