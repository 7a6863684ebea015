import {
  concat,
  EXIF_HEADER,
  orientationOf,
  orientationOnlyTiff,
  startsWith,
  UnreadableImage,
} from './exif.ts';

/**
 * A JPEG without its metadata. Kept: the image data and what decoding and colour need (frame, scans,
 * tables, restart intervals, JFIF APP0, ICC profile APP2, Adobe APP14). Dropped: every other APPn
 * segment (EXIF and XMP in APP1, IPTC in APP13, maker data, FlashPix, MPF) and comments, and anything
 * after the end of the image (the extra images of an MPF file carry their own EXIF). The Orientation is
 * written back alone, so the photo still shows upright.
 */
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

const isApp = (marker: number) => marker >= 0xe0 && marker <= 0xef;
/** Markers without a length: TEM, RST0-7, SOI, EOI. */
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);

function keeps(marker: number, payload: Uint8Array): boolean {
  if (marker === COM) return false;
  if (!isApp(marker)) return true;
  if (marker === APP0) return startsWith(payload, 'JFIF\0') || startsWith(payload, 'JFXX\0');
  if (marker === APP2) return startsWith(payload, 'ICC_PROFILE\0');
  if (marker === APP14) return startsWith(payload, 'Adobe');
  return false;
}

export function stripJpeg(input: Uint8Array): Uint8Array {
  if (input[0] !== 0xff || input[1] !== SOI) throw new UnreadableImage('not a JPEG');
  const leading: Uint8Array[] = [];
  const rest: Uint8Array[] = [];
  let orientation: number | undefined;
  let pos = 2;
  let inScans = false;

  const segmentAt = (at: number) => {
    if (input[at] !== 0xff) throw new UnreadableImage(`no marker at byte ${at}`);
    let m = at + 1;
    while (input[m] === 0xff) m++; // fill bytes
    const marker = input[m];
    if (marker === undefined) throw new UnreadableImage('the file ends inside a marker');
    if (standalone(marker)) return { marker, start: at, end: m + 1, payload: new Uint8Array() };
    if (m + 3 > input.length) throw new UnreadableImage('the file ends inside a segment');
    const length = ((input[m + 1] as number) << 8) | (input[m + 2] as number);
    const end = m + 1 + length;
    if (length < 2 || end > input.length)
      throw new UnreadableImage('a segment runs past the end of the file');
    return { marker, start: at, end, payload: input.subarray(m + 3, end) };
  };

  /** Where the entropy-coded data that starts at `from` ends: the next marker that is not stuffing or RST. */
  const scanEnd = (from: number) => {
    for (let i = from; i < input.length - 1; i++) {
      if (input[i] !== 0xff) continue;
      const next = input[i + 1] as number;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
      return i;
    }
    return input.length;
  };

  for (;;) {
    if (pos >= input.length) break; // a truncated scan: EOI is added below
    const segment = segmentAt(pos);
    pos = segment.end;
    if (segment.marker === EOI) break;
    if (segment.marker === 0xe1 && startsWith(segment.payload, EXIF_HEADER)) {
      orientation ??= orientationOf(segment.payload.subarray(EXIF_HEADER.length));
    }
    if (!keeps(segment.marker, segment.payload)) continue;
    const bytes = input.subarray(segment.start, segment.end);
    if (!inScans && segment.marker === APP0) leading.push(bytes);
    else rest.push(bytes);
    if (segment.marker === SOS) {
      inScans = true;
      const end = scanEnd(pos);
      rest.push(input.subarray(pos, end));
      pos = end;
    }
  }
  if (!inScans) throw new UnreadableImage('the JPEG has no image data');

  const exif =
    orientation !== undefined && orientation !== 1
      ? app1(concat([EXIF_HEADER, orientationOnlyTiff(orientation)]))
      : [];
  return concat([Uint8Array.from([0xff, SOI]), ...leading, ...exif, ...rest, Uint8Array.from([0xff, EOI])]);
}

function app1(payload: Uint8Array): Uint8Array[] {
  const length = payload.length + 2;
  return [Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff]), payload];
}
