import { EMPTY_TIFF, UnreadableImage } from './exif.ts';

/**
 * A HEIC (HEIF, ISO BMFF) without its metadata. In HEIF, EXIF and XMP are items of their own (item type
 * `Exif`, and `mime` items such as application/rdf+xml), located by the `iloc` box in `mdat` or `idat`.
 * Their bytes are blanked in place: the EXIF item keeps a valid empty TIFF block, a MIME item an empty
 * XMP packet padded with spaces. Nothing moves, so every offset in the file stays right and the image
 * decodes as before; orientation lives in the image's own `irot`/`imir` properties, which stay.
 */
interface Box {
  readonly type: string;
  /** Where the box's content starts (after its header) and where the box ends. */
  readonly start: number;
  readonly end: number;
}

function boxes(data: Uint8Array, from: number, to: number): Box[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const found: Box[] = [];
  let pos = from;
  while (pos + 8 <= to) {
    let size = view.getUint32(pos);
    const type = new TextDecoder('latin1').decode(data.subarray(pos + 4, pos + 8));
    let header = 8;
    if (size === 1) {
      if (pos + 16 > to) throw new UnreadableImage('a box ends inside its header');
      size = Number(view.getBigUint64(pos + 8));
      header = 16;
    } else if (size === 0) {
      size = to - pos;
    }
    if (size < header || pos + size > to) throw new UnreadableImage(`the ${type} box runs past its parent`);
    found.push({ type, start: pos + header, end: pos + size });
    pos += size;
  }
  return found;
}

/** Reads big-endian unsigned integers of 0-8 bytes, with bounds checks. */
class Reader {
  constructor(
    private readonly data: Uint8Array,
    public pos: number,
    private readonly end: number,
  ) {}

  uint(bytes: number): number {
    if (this.pos + bytes > this.end) throw new UnreadableImage('a box is shorter than its fields');
    let value = 0;
    for (let i = 0; i < bytes; i++) value = value * 256 + (this.data[this.pos + i] as number);
    this.pos += bytes;
    return value;
  }

  text(): string {
    const nul = this.data.indexOf(0, this.pos);
    if (nul < 0 || nul >= this.end) throw new UnreadableImage('a string runs past its box');
    const value = new TextDecoder().decode(this.data.subarray(this.pos, nul));
    this.pos = nul + 1;
    return value;
  }
}

/** Item ids of the metadata items (EXIF, and MIME items: XMP and the like) and which kind each is. */
function metadataItems(data: Uint8Array, iinf: Box): Map<number, 'exif' | 'mime'> {
  const r = new Reader(data, iinf.start, iinf.end);
  const version = r.uint(1);
  r.uint(3);
  r.uint(version === 0 ? 2 : 4); // entry count: the infe boxes follow
  const items = new Map<number, 'exif' | 'mime'>();
  for (const infe of boxes(data, r.pos, iinf.end).filter((b) => b.type === 'infe')) {
    const e = new Reader(data, infe.start, infe.end);
    const v = e.uint(1);
    e.uint(3);
    if (v < 2) {
      // Versions 0 and 1 describe MIME items only (a content type, no item type).
      items.set(e.uint(2), 'mime');
      continue;
    }
    const id = e.uint(v === 2 ? 2 : 4);
    e.uint(2); // protection index
    const type = new TextDecoder('latin1').decode(data.subarray(e.pos, e.pos + 4));
    e.uint(4);
    if (type === 'Exif') items.set(id, 'exif');
    else if (type === 'mime') items.set(id, 'mime');
  }
  return items;
}

/** The byte ranges of each item, resolved to file offsets. */
function locations(data: Uint8Array, iloc: Box, idat: Box | undefined): Map<number, [number, number][]> {
  const r = new Reader(data, iloc.start, iloc.end);
  const version = r.uint(1);
  r.uint(3);
  const sizes = r.uint(1);
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 0x0f;
  const more = r.uint(1);
  const baseOffsetSize = more >> 4;
  const indexSize = version >= 1 ? more & 0x0f : 0;
  const count = r.uint(version < 2 ? 2 : 4);
  const found = new Map<number, [number, number][]>();
  for (let i = 0; i < count; i++) {
    const id = r.uint(version < 2 ? 2 : 4);
    const method = version >= 1 ? r.uint(2) & 0x0f : 0;
    r.uint(2); // data reference index: 0, this file
    const base = r.uint(baseOffsetSize);
    const extents = r.uint(2);
    const ranges: [number, number][] = [];
    for (let x = 0; x < extents; x++) {
      if (indexSize > 0) r.uint(indexSize);
      const offset = r.uint(offsetSize);
      const length = r.uint(lengthSize);
      const origin = method === 0 ? 0 : method === 1 && idat ? idat.start : -1;
      const limit = method === 0 ? data.length : (idat?.end ?? 0);
      if (origin < 0)
        ranges.push([-1, -1]); // by item reference: resolved only if it is metadata (refused then)
      else {
        const start = origin + base + offset;
        const end = length === 0 ? limit : start + length;
        if (end > limit) throw new UnreadableImage(`item ${id} runs past the end of its data`);
        ranges.push([start, end]);
      }
    }
    found.set(id, ranges);
  }
  return found;
}

const EMPTY_XMP = new TextEncoder().encode(
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/><?xpacket end="w"?>',
);

/** Writes `content` over the ranges, then `fill` to their end. */
function overwrite(out: Uint8Array, ranges: [number, number][], content: Uint8Array, fill: number) {
  const total = ranges.reduce((n, [s, e]) => n + (e - s), 0);
  const replacement = new Uint8Array(total).fill(fill);
  if (content.length <= total) replacement.set(content);
  let at = 0;
  for (const [start, end] of ranges) {
    out.set(replacement.subarray(at, at + end - start), start);
    at += end - start;
  }
}

export function stripHeic(input: Uint8Array): Uint8Array {
  const top = boxes(input, 0, input.length);
  if (top[0]?.type !== 'ftyp') throw new UnreadableImage('not an ISO BMFF file');
  const meta = top.find((b) => b.type === 'meta');
  if (!meta) throw new UnreadableImage('the HEIF file has no meta box');
  const children = boxes(input, meta.start + 4, meta.end); // meta is a full box: version and flags first
  const iinf = children.find((b) => b.type === 'iinf');
  const iloc = children.find((b) => b.type === 'iloc');
  if (!iinf || !iloc) throw new UnreadableImage('the HEIF file has no item information or locations');
  const items = metadataItems(input, iinf);
  const where = locations(
    input,
    iloc,
    children.find((b) => b.type === 'idat'),
  );
  const out = Uint8Array.from(input);
  for (const [id, kind] of items) {
    const ranges = where.get(id) ?? [];
    if (ranges.some(([s]) => s < 0)) throw new UnreadableImage(`metadata item ${id} is stored by reference`);
    if (kind === 'exif') {
      // The EXIF item starts with the offset of the TIFF header in what follows: 0, right after it.
      const content = new Uint8Array(4 + EMPTY_TIFF.length);
      content.set(EMPTY_TIFF, 4);
      overwrite(out, ranges, content, 0);
    } else {
      overwrite(out, ranges, EMPTY_XMP, 0x20);
    }
  }
  return out;
}
