import { pageRoutes } from './pages.ts';
import { pagesHandler } from './server.ts';

/** The Lambda function of the web app: every page, routed inside. */
export const handler = pagesHandler(pageRoutes);
