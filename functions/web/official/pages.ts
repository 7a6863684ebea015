import type { PageRoute } from '../server.ts';
import { queuePage } from './queue.ts';
import { handOverRoute, requestPageRoute, updateRoute } from './request.ts';

/** The officials' pages: their queue, and a request with its update and hand-over forms. */
export const officialPages: readonly PageRoute[] = [queuePage, requestPageRoute, updateRoute, handOverRoute];
