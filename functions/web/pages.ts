import { committeeRoutes } from './committee/pages.ts';
import { consoleRoutes } from './console/pages.ts';
import type { PageRoute } from './server.ts';
import { signIn, signOutRoute } from './shell/auth.ts';
import { home } from './shell/home.ts';

/**
 * Every page of the site, area by area. Each area is a folder of functions/web with its pages, its
 * messages (every language) and its views; it adds its routes here.
 */
export const pageRoutes: readonly PageRoute[] = [
  home,
  signIn,
  signOutRoute,
  ...consoleRoutes,
  ...committeeRoutes,
];
