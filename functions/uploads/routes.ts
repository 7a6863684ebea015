import { cityPath } from '../shared/params.ts';
import { defineRoute } from '../shared/route.ts';
import { PURPOSES } from './purposes.ts';
import { presignBody, presignedUpload } from './schemas.ts';

const photo = PURPOSES['request-photo'];

export const requestPhotoRoute = defineRoute({
  name: 'cities/request-photos-create',
  method: 'POST',
  path: '/cities/{cityId}/request-photos',
  access: 'public',
  summary: `Upload a photo for a civic request of a member city: a presigned POST (JPEG, PNG, WebP or HEIC, at most ${photo.maxBytes / 1024 / 1024} MB; at most ${photo.maxFiles} per request)`,
  throttle: { rate: 10, burst: 20 },
  idempotent: true,
  uploads: true,
  request: { params: cityPath, body: presignBody('request-photo') },
  responses: {
    201: {
      description:
        'POST `fields`, then the file as the last field `file`, as multipart/form-data to `url` before `expiresAt`. The policy fixes the key, the type and the size; the photo is checked (type from its bytes, location and camera data removed) when a request attaches its `uploadId`.',
      schema: presignedUpload,
    },
  },
});

export const routes = [requestPhotoRoute] as const;
