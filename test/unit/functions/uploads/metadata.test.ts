import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import exifr from 'exifr';
import decodeHeic from 'heic-decode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripMetadata, UnreadableImage } from '../../../../functions/uploads/metadata/index.ts';
import type { UploadType } from '../../../../functions/uploads/purposes.ts';

/**
 * Real photos (test/fixtures/images, made with ImageMagick, cwebp and heif-enc, tagged with exiftool:
 * see the README there) that carry GPS, camera, author and comment metadata in EXIF, XMP and text.
 */
const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '../../../fixtures/images', name)));

/** Text each fixture carries in its metadata: none of it may be left anywhere in the output. */
const PERSONAL = [
  'WeGOTestCam',
  'Pocket 9000',
  'SN-4242-XYZ',
  'WeGO Lens',
  'WeGOPhotoApp',
  'Ana Citizen',
  'taken at my home',
  'GPSLatitude',
  '2026:05:04',
];

const contains = (bytes: Uint8Array, text: string) =>
  Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));

async function decodes(type: UploadType, bytes: Uint8Array): Promise<{ width: number; height: number }> {
  if (type === 'image/heic') {
    const image = await decodeHeic({ buffer: bytes });
    return { width: image.width, height: image.height };
  }
  const { info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height };
}

const CASES: [UploadType, string][] = [
  ['image/jpeg', 'photo.jpg'],
  ['image/png', 'photo.png'],
  ['image/webp', 'photo.webp'],
  ['image/heic', 'photo.heic'],
];

describe('stripMetadata', () => {
  it.each(CASES)('%s: the fixture really carries GPS and camera data', async (type, name) => {
    const input = fixture(name);
    for (const text of ['WeGOTestCam', 'Ana Citizen']) expect(contains(input, text), text).toBe(true);
    if (type !== 'image/webp') expect(await exifr.gps(input)).toMatchObject({ latitude: 37.5665 });
    else expect((await sharp(input).metadata()).exif).toBeDefined();
  });

  it.each(CASES)(
    '%s: removes location, camera, author and comments, and still decodes',
    async (type, name) => {
      // Prepare
      const input = fixture(name);
      const before = await decodes(type, input);

      // Act
      const output = stripMetadata(type, input);

      // Assess
      for (const text of PERSONAL) expect(contains(output, text), text).toBe(false);
      if (type === 'image/webp') {
        const meta = await sharp(output).metadata();
        expect(meta.xmp).toBeUndefined();
      } else {
        expect(await exifr.gps(output).catch(() => undefined)).toBeUndefined();
        expect(
          (await exifr.parse(output, { gps: true, xmp: true, iptc: true }).catch(() => undefined)) ?? {},
        ).not.toHaveProperty('Make');
      }
      expect(await decodes(type, output)).toEqual(before);
      expect(output.length).toBeLessThanOrEqual(input.length);
    },
  );

  it.each(CASES.filter(([type]) => type !== 'image/heic'))(
    '%s: keeps the orientation, so the photo still shows upright',
    async (type, name) => {
      const output = stripMetadata(type, fixture(name));
      expect((await sharp(output).metadata()).orientation).toBe(6);
    },
  );

  it('JPEG: drops the images an MPF file appends after the end of the main one, with their EXIF', () => {
    // Prepare: a second JPEG with EXIF after the first one's EOI, as phones append depth maps.
    const main = fixture('photo.jpg');
    const appended = Buffer.concat([Buffer.from(main), Buffer.from(main)]);

    // Act
    const output = stripMetadata('image/jpeg', new Uint8Array(appended));

    // Assess
    expect(output).toEqual(stripMetadata('image/jpeg', main));
  });

  it('leaves a PDF as it is', () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    expect(stripMetadata('application/pdf', pdf)).toBe(pdf);
  });

  it.each(CASES)('%s: refuses a truncated or mangled file instead of passing it on', (type, name) => {
    const input = fixture(name);
    const mangled = Uint8Array.from(input.subarray(0, 40));
    if (type === 'image/jpeg') mangled[2] = 0x00; // no marker where a segment must start
    expect(() => stripMetadata(type, mangled)).toThrow(UnreadableImage);
  });
});
