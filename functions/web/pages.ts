import { applyPages } from './apply/pages.ts';
import { citizenRoutes } from './citizen/pages.ts';
import { committeeRoutes } from './committee/pages.ts';
import { consoleRoutes } from './console/pages.ts';
import { knowledgePages } from './knowledge/pages.ts';
import { membersPage } from './members/pages.ts';
import { officialPages } from './official/pages.ts';
import type { PageRoute } from './server.ts';
import { signIn, signOutRoute } from './shell/auth.ts';
import { home } from './shell/home.ts';
import { apiToken } from './shell/token.ts';

/**
 * Every page of the site, area by area. Each area is a folder of functions/web with its pages, its
 * messages (every language) and its views; it adds its routes here.
 */
export const pageRoutes: readonly PageRoute[] = [
  home,
  signIn,
  signOutRoute,
  apiToken,
  ...citizenRoutes,
  ...officialPages,
  ...applyPages,
  membersPage,
  ...consoleRoutes,
  ...committeeRoutes,
  ...knowledgePages,
];
