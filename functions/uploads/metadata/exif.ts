/**
 * The one EXIF fact a checked image keeps: its Orientation (tag 0x0112 of IFD0), so a phone photo stored
 * sideways still shows upright. Everything else (GPS, camera, serial numbers, dates, thumbnails) goes.
 */

/** Thrown when an image's structure cannot be followed: it is refused rather than published unchecked. */
export class UnreadableImage extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'UnreadableImage';
  }
}

/** The Orientation (1-8) of a TIFF block (the body of an EXIF segment or chunk), if it has one. */
export function orientationOf(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (view.getUint16(2, little) !== 42) return undefined;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return undefined;
    // SHORT (type 3), one value, held in the first two bytes of the value field.
    if (view.getUint16(at, little) === 0x0112 && view.getUint16(at + 2, little) === 3) {
      const value = view.getUint16(at + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** A big-endian TIFF block whose IFD0 holds only the Orientation. */
export function orientationOnlyTiff(orientation: number): Uint8Array {
  // biome-ignore format: the TIFF layout reads best one field per group
  return Uint8Array.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}

/** A TIFF block with no entry at all: what a container that must keep its EXIF item is left with. */
export const EMPTY_TIFF = Uint8Array.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]);

/** "Exif\0\0", the identifier that starts the EXIF block of a JPEG APP1 segment (and, in some files, of others). */
export const EXIF_HEADER = Uint8Array.from([0x45, 0x78, 0x69, 0x66, 0x00, 0x00]);

export const startsWith = (bytes: Uint8Array, prefix: Uint8Array | string, at = 0): boolean => {
  const p = typeof prefix === 'string' ? new TextEncoder().encode(prefix) : prefix;
  if (at + p.length > bytes.length) return false;
  for (let i = 0; i < p.length; i++) if (bytes[at + i] !== p[i]) return false;
  return true;
};

/** The TIFF block of an EXIF payload, with or without the "Exif\0\0" identifier in front. */
export const tiffOf = (exif: Uint8Array): Uint8Array =>
  startsWith(exif, EXIF_HEADER) ? exif.subarray(EXIF_HEADER.length) : exif;

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
