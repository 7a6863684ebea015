import { crc32 } from 'node:zlib';
import { concat, orientationOf, orientationOnlyTiff, startsWith, tiffOf, UnreadableImage } from './exif.ts';

/**
 * A PNG without its metadata: only the chunks that decoding, transparency, colour, pixel size and
 * animation need are kept. Text (tEXt, zTXt, iTXt: XMP, comments, camera), eXIf, tIME and any unknown or
 * private chunk are dropped, and so is anything after IEND. The Orientation is written back alone.
 */
const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCV',
  'cLLI',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  const view = new DataView(head.buffer);
  view.setUint32(0, data.length);
  head.set(new TextEncoder().encode(type), 4);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(concat([head.subarray(4), data])));
  return concat([head, data, crc]);
}

export function stripPng(input: Uint8Array): Uint8Array {
  if (!startsWith(input, SIGNATURE)) throw new UnreadableImage('not a PNG');
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const kept: { type: string; bytes: Uint8Array }[] = [];
  let orientation: number | undefined;
  let pos = SIGNATURE.length;
  let ended = false;
  while (!ended) {
    if (pos + 12 > input.length) throw new UnreadableImage('the PNG ends inside a chunk');
    const length = view.getUint32(pos);
    const type = new TextDecoder('latin1').decode(input.subarray(pos + 4, pos + 8));
    const end = pos + 12 + length;
    if (end > input.length) throw new UnreadableImage(`the ${type} chunk runs past the end of the file`);
    if (type === 'eXIf') orientation ??= orientationOf(tiffOf(input.subarray(pos + 8, pos + 8 + length)));
    if (KEPT.has(type)) kept.push({ type, bytes: input.subarray(pos, end) });
    ended = type === 'IEND';
    pos = end;
  }
  if (kept[0]?.type !== 'IHDR' || !kept.some((c) => c.type === 'IDAT')) {
    throw new UnreadableImage('the PNG has no header or no image data');
  }
  const parts = kept.map((c) => c.bytes);
  if (orientation !== undefined && orientation !== 1) {
    // Before the image data, where decoders look for it.
    const at = kept.findIndex((c) => c.type === 'IDAT');
    parts.splice(at, 0, chunk('eXIf', orientationOnlyTiff(orientation)));
  }
  return concat([SIGNATURE, ...parts]);
}
