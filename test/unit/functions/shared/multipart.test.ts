import { describe, expect, it } from 'vitest';
import { parseMultipart } from '../../../../functions/shared/multipart.ts';

/** multipart/form-data as functions read it: fields as a form, files in order, every limit a 400. */
const limits = { files: 2, fileBytes: 10, fields: 5, fieldBytes: 20 };
const type = 'multipart/form-data; boundary=b0';
const part = (name: string, value: string, filename?: string) =>
  `--b0\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${value}\r\n`;
const body = (...parts: string[]) => Buffer.from(`${parts.join('')}--b0--\r\n`);

describe('parseMultipart', () => {
  it('reads repeated fields as a list and files in order, named by their part', async () => {
    const parsed = await parseMultipart(
      body(
        part('media_url', 'a'),
        part('media_url', 'b'),
        part('photo', 'one', 'x.jpg'),
        part('photo', 'two', 'y.jpg'),
      ),
      type,
      limits,
    );
    expect(parsed.fields).toEqual({ media_url: ['a', 'b'] });
    expect(parsed.files.map((f) => [f.path, Buffer.from(f.bytes).toString()])).toEqual([
      ['body.photo.0', 'one'],
      ['body.photo.1', 'two'],
    ]);
  });

  it('keeps the name and type the browser gave each file (busboy’s default type when none)', async () => {
    const typed = `--b0\r\nContent-Disposition: form-data; name="file"; filename="Budget 2025.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n`;
    const parsed = await parseMultipart(body(typed, part('other', 'x', 'note')), type, limits);
    expect(parsed.files.map((f) => [f.fileName, f.contentType])).toEqual([
      ['Budget 2025.pdf', 'application/pdf'],
      ['note', 'text/plain'],
    ]);
  });

  it.each([
    [
      'too many files',
      body(part('a', '1', 'a'), part('b', '2', 'b'), part('c', '3', 'c')),
      'body',
      'at most 2 files',
    ],
    ['a file too large', body(part('photo1', '12345678901', 'a')), 'body.photo1', 'at most 10 bytes'],
    ['a field too long', body(part('description', 'x'.repeat(21))), 'body.description', 'at most 20 bytes'],
    [
      'bytes that are not UTF-8',
      Buffer.concat([
        Buffer.from('--b0\r\nContent-Disposition: form-data; name="d"\r\n\r\n'),
        Buffer.of(0xff),
        Buffer.from('\r\n--b0--\r\n'),
      ]),
      'body.d',
      'not valid UTF-8',
    ],
  ])('refuses %s, naming it', async (_, bytes, path, message) => {
    await expect(parseMultipart(bytes, type, limits)).rejects.toMatchObject({
      status: 400,
      errors: expect.arrayContaining([{ path, message: expect.stringContaining(message) }]),
    });
  });

  it('refuses a body without its boundary, or cut short', async () => {
    await expect(parseMultipart(body(part('a', '1')), 'multipart/form-data', limits)).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      parseMultipart(
        Buffer.from('--b0\r\nContent-Disposition: form-data; name="a"\r\n\r\nunfinished'),
        type,
        limits,
      ),
    ).rejects.toMatchObject({ status: 400 });
  });
});
