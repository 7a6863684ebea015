import { EXTENSIONS, PREFIXES, PURPOSES, type PurposeName, type UploadType } from './purposes.ts';

/**
 * Keys of uploads, in the single table and in the bucket:
 * - `UPLOAD#<id>` / `UPLOAD`: an upload from its presigned POST (pending, TTL) to its claim (kept).
 * - bucket `incoming/<id>`, then `media/<purpose>/<id>.<ext>` or `private/<purpose>/<id>.<ext>`.
 */
export const uploadKey = (id: string) => ({ pk: `UPLOAD#${id}`, sk: 'UPLOAD' });

export const incomingKey = (id: string) => `${PREFIXES.incoming}${id}`;

export const checkedKey = (purpose: PurposeName, id: string, type: UploadType) =>
  `${PREFIXES[PURPOSES[purpose].visibility]}${purpose}/${id}.${EXTENSIONS[type]}`;
