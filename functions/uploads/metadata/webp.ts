import { concat, orientationOf, orientationOnlyTiff, startsWith, tiffOf, UnreadableImage } from './exif.ts';

/**
 * A WebP without its metadata: the RIFF chunks that hold the image (VP8, VP8L, VP8X, ALPH, ANIM, ANMF)
 * and its ICC profile are kept; EXIF, XMP and unknown chunks are dropped, the VP8X flags and the RIFF
 * size follow. The Orientation is written back alone, in an EXIF chunk at the end where the format
 * puts it.
 */
const KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;

function riffChunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  head.set(new TextEncoder().encode(type), 0);
  new DataView(head.buffer).setUint32(4, data.length, true);
  return concat([head, data, data.length % 2 ? new Uint8Array(1) : new Uint8Array()]);
}

export function stripWebp(input: Uint8Array): Uint8Array {
  if (!startsWith(input, 'RIFF') || !startsWith(input, 'WEBP', 8)) throw new UnreadableImage('not a WebP');
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const riffEnd = Math.min(input.length, 8 + view.getUint32(4, true));
  const kept: Uint8Array[] = [];
  let orientation: number | undefined;
  let extended: Uint8Array | undefined;
  let pos = 12;
  while (pos + 8 <= riffEnd) {
    const type = new TextDecoder('latin1').decode(input.subarray(pos, pos + 4));
    const size = view.getUint32(pos + 4, true);
    const end = pos + 8 + size + (size % 2);
    if (pos + 8 + size > riffEnd)
      throw new UnreadableImage(`the ${type} chunk runs past the end of the file`);
    const data = input.subarray(pos + 8, pos + 8 + size);
    if (type === 'EXIF') orientation ??= orientationOf(tiffOf(data));
    if (type === 'VP8X') {
      if (size < 10) throw new UnreadableImage('the VP8X chunk is too short');
      extended = Uint8Array.from(data);
      kept.push(extended);
    } else if (KEPT.has(type)) {
      kept.push(input.subarray(pos, Math.min(end, riffEnd)));
    }
    pos = end;
  }
  if (kept.length === 0) throw new UnreadableImage('the WebP has no image data');
  const exif = extended && orientation !== undefined && orientation !== 1 ? orientation : undefined;
  if (extended) {
    extended[0] = ((extended[0] as number) & ~(EXIF_FLAG | XMP_FLAG)) | (exif ? EXIF_FLAG : 0);
  }
  const chunks = kept.map((c) => (c === extended ? riffChunk('VP8X', c) : c));
  if (exif) chunks.push(riffChunk('EXIF', orientationOnlyTiff(exif)));
  const body = concat([new TextEncoder().encode('WEBP'), ...chunks]);
  const head = new Uint8Array(8);
  head.set(new TextEncoder().encode('RIFF'), 0);
  new DataView(head.buffer).setUint32(4, body.length, true);
  return concat([head, body]);
}
