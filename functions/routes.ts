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
import { route as cityOfficialsCreate } from './cities/officials-create/route.ts';
import { route as cityOfficialsList } from './cities/officials-list/route.ts';
import { route as cityOpen311KeysCreate } from './cities/open311-keys-create/route.ts';
import { route as cityRequestsCreate } from './cities/requests-create/route.ts';
import { route as cityRoutingGet } from './cities/routing-get/route.ts';
import { route as cityRoutingPut } from './cities/routing-put/route.ts';
import { route as cityServicesGet } from './cities/services-get/route.ts';
import { route as cityServicesPut } from './cities/services-put/route.ts';
import { route as committeeGet } from './committee/get/route.ts';
import { route as committeePut } from './committee/put/route.ts';
import { route as health } from './health/route.ts';
import { route as memberDirectory } from './members/directory/route.ts';
import { route as memberFullMembership } from './members/full-membership/route.ts';
import { route as memberWithdraw } from './members/withdraw/route.ts';
import { route as officialQueue } from './officials/queue/route.ts';
import { route as open311DocumentGet } from './open311/document-get/route.ts';
import { route as open311RequestGet } from './open311/request-get/route.ts';
import { route as open311RequestsPost } from './open311/requests-post/route.ts';
import { route as open311ServiceGet } from './open311/service-get/route.ts';
import { route as openapiDocsPage } from './openapi/docs-page/route.ts';
import { route as openapiDocsRenderer } from './openapi/docs-renderer/route.ts';
import { route as openapiDocumentGet } from './openapi/document-get/route.ts';
import { route as requestAssign } from './requests/assign/route.ts';
import { route as requestGet } from './requests/get/route.ts';
import { route as requestUpdate } from './requests/update/route.ts';
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
  cityServicesPut,
  cityServicesGet,
  cityOfficialsCreate,
  cityOfficialsList,
  cityRoutingPut,
  cityRoutingGet,
  cityRequestsCreate,
  requestGet,
  officialQueue,
  requestUpdate,
  requestAssign,
  cityOpen311KeysCreate,
  open311DocumentGet,
  open311ServiceGet,
  open311RequestGet,
  open311RequestsPost,
  openapiDocumentGet,
  openapiDocsPage,
  openapiDocsRenderer,
];
