import type { UploadType } from '../purposes.ts';
import { stripHeic } from './heic.ts';
import { stripJpeg } from './jpeg.ts';
import { stripPng } from './png.ts';
import { stripWebp } from './webp.ts';

export { UnreadableImage } from './exif.ts';

const STRIPPERS: Partial<Record<UploadType, (bytes: Uint8Array) => Uint8Array>> = {
  'image/jpeg': stripJpeg,
  'image/png': stripPng,
  'image/webp': stripWebp,
  'image/heic': stripHeic,
};

/**
 * The file without location, camera and author metadata (EXIF, XMP, IPTC, text chunks), for images;
 * other files as they are. Throws UnreadableImage when an image's structure cannot be followed.
 */
export function stripMetadata(type: UploadType, bytes: Uint8Array): Uint8Array {
  const strip = STRIPPERS[type];
  return strip ? strip(bytes) : bytes;
}
