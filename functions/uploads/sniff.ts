import { fileTypeFromBuffer } from 'file-type';
import { TYPE_ALIASES, type UploadType } from './purposes.ts';

/**
 * The type of a file from its bytes (magic numbers and structure, by `file-type`), in the names the
 * purposes use; undefined when it is none of the types uploads accept, whatever its name or the
 * Content-Type it was sent with.
 */
export async function sniffType(bytes: Uint8Array): Promise<UploadType | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  return found ? TYPE_ALIASES[found.mime] : undefined;
}
