import { signIn, signOutRoute } from './pages/auth.ts';
import { home } from './pages/home.ts';
import { pagesHandler } from './server.ts';

/** The Lambda function of the web app: every page, routed inside. */
export const handler = pagesHandler([home, signIn, signOutRoute]);
