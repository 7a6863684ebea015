import type { PageRoute } from '../server.ts';
import { signInRedirect, signOut } from '../session.ts';

/** Staff sign in through Cognito's managed login and come back to the page they asked for. */
export const signIn: PageRoute = {
  method: 'GET',
  path: '/sign-in',
  handle: async ({ lang, query }) => {
    const { location, cookie } = signInRedirect(lang, query.get('return'));
    return { redirect: location, status: 302, cookies: [cookie] };
  },
};

export const signOutRoute: PageRoute = {
  method: 'POST',
  path: '/sign-out',
  handle: async () => {
    const { location, cookie } = signOut();
    return { redirect: location, status: 303, cookies: [cookie] };
  },
};
