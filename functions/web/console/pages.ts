import type { PageRoute } from '../server.ts';
import { attributesPages } from './attributes.ts';
import {
  acceptApplication,
  applicationsList,
  cityPage,
  membersList,
  rejectPages,
  startVote,
  withdrawPages,
} from './cities.ts';
import { committeePages } from './committee.ts';
import { cpsPages } from './cps.ts';
import { consoleHome } from './home.ts';
import { keysPages } from './keys.ts';
import { representativesPages } from './representatives.ts';
import { votePage } from './votes.ts';

/** The Secretariat's console (`/console...`, role `secretariat`). */
export const consoleRoutes: readonly PageRoute[] = [
  consoleHome,
  applicationsList,
  membersList,
  cityPage,
  acceptApplication,
  ...rejectPages,
  ...withdrawPages,
  startVote,
  votePage,
  ...committeePages,
  ...cpsPages,
  ...attributesPages,
  ...keysPages,
  ...representativesPages,
];
