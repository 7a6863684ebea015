import { membership } from '../membership/members.ts';
import { httpHandler, json } from '../shared/http.ts';
import { idempotent } from '../shared/idempotency.ts';
import { routeHandler } from '../shared/router.ts';
import { requestPhotoOwner } from './purposes.ts';
import { requestPhotoRoute } from './routes.ts';
import { presignUpload } from './uploads.ts';

const requestPhotoHandler = httpHandler(
  requestPhotoRoute,
  async ({ params, body }) => {
    await membership.member(params.cityId);
    const upload = await presignUpload({
      purpose: 'request-photo',
      owner: requestPhotoOwner(params.cityId),
      ...body,
    });
    return json(201, upload);
  },
  { idempotency: idempotent },
);

export const handler = routeHandler([requestPhotoHandler]);
