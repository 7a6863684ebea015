import { route as applicationAccept } from './applications/accept/route.ts';
import { route as applicationGet } from './applications/get/route.ts';
import { route as applicationHistory } from './applications/history/route.ts';
import { route as applicationList } from './applications/list/route.ts';
import { route as applicationReject } from './applications/reject/route.ts';
import { route as applicationSubmit } from './applications/submit/route.ts';
import { route as approvalGet } from './approvals/get/route.ts';
import { route as approvalVote } from './approvals/vote/route.ts';
import { route as ballotCast } from './ballots/cast/route.ts';
import { route as ballotView } from './ballots/view/route.ts';
import { route as committeeGet } from './committee/get/route.ts';
import { route as committeePut } from './committee/put/route.ts';
import { route as health } from './health/route.ts';
import { route as memberDirectory } from './members/directory/route.ts';
import { route as memberFullMembership } from './members/full-membership/route.ts';
import { route as memberWithdraw } from './members/withdraw/route.ts';
import type { RouteSpec } from './shared/route.ts';

/** Every HTTP route of the API. The CDK API construct and the OpenAPI document are built from this list. */
export const routes: readonly RouteSpec[] = [
  health,
  applicationSubmit,
  applicationList,
  applicationGet,
  applicationHistory,
  applicationAccept,
  applicationReject,
  memberWithdraw,
  memberFullMembership,
  memberDirectory,
  committeeGet,
  committeePut,
  approvalGet,
  approvalVote,
  ballotView,
  ballotCast,
];
