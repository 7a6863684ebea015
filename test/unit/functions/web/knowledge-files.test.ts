import { describe, expect, it } from 'vitest';
import { attachmentBody, textBody } from '../../../../functions/knowledge/schemas.ts';
import * as z from '../../../../functions/shared/zod.ts';

/**
 * The logic of the attachments, translations and retire pages: the type and name a file is declared
 * with (checked with the API's own schema), what the API's answers mean for the page, the translation
 * form to the API's body and its errors back to the fields, which version and languages the city works
 * on, and a file's type and size in words.
 */
await import('../../support/web-env.ts');
const { attachOutcome, cleanName, declaredType, presignOutcome } = await import(
  '../../../../functions/web/knowledge/attachment-pages.ts'
);
const { targetLanguages, textsIn, translationBody, translationErrors } = await import(
  '../../../../functions/web/knowledge/translation-pages.ts'
);
const { fileFacts, filesWords, isEditable, workingOf } = await import(
  '../../../../functions/web/knowledge/files.ts'
);

const problem = (status: number, body: object) => ({ status, body });

describe('a file to attach', () => {
  it('is declared with the browser’s type when attachments take it, else by its extension', () => {
    expect(declaredType('a.pdf', 'application/pdf')).toBe('application/pdf');
    expect(declaredType('photo.HEIC', '')).toBe('image/heic');
    expect(declaredType('scan.jpg', 'application/octet-stream')).toBe('image/jpeg');
    expect(declaredType('notes.txt', 'text/plain')).toBe('text/plain');
    expect(declaredType('noname', '')).toBe('application/octet-stream');
    // What the API then takes, or refuses at `contentType` (the page says "a PDF or an image").
    const ok = { fileName: 'a.pdf', size: 10 };
    expect(z.safeParse(attachmentBody, { ...ok, contentType: declaredType('x.webp', '') }).success).toBe(
      true,
    );
    expect(
      z.safeParse(attachmentBody, { ...ok, contentType: declaredType('x.txt', 'text/plain') }).success,
    ).toBe(false);
  });

  it('keeps its own name without a folder, shortened to 200 characters with its extension', () => {
    expect(cleanName('C:\\Users\\ana\\Budget 2025.pdf')).toBe('Budget 2025.pdf');
    expect(cleanName(' report.pdf ')).toBe('report.pdf');
    const long = cleanName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(
      z.safeParse(attachmentBody, { fileName: long, contentType: 'application/pdf', size: 1 }).success,
    ).toBe(true);
  });

  it('reads the presign’s refusals: type, size, name, a full practice, one in review, not the city’s', () => {
    const bad = (path: string) => problem(400, { errors: [{ path: `body.${path}`, message: 'x' }] });
    expect(presignOutcome(problem(201, {}))).toBe('done');
    expect(presignOutcome(bad('contentType'))).toBe('type');
    expect(presignOutcome(bad('size'))).toBe('tooBig');
    expect(presignOutcome(bad('fileName'))).toBe('name');
    expect(
      presignOutcome(
        problem(409, { detail: 'A practice may have at most 10 attachments: remove one first' }),
      ),
    ).toBe('tooMany');
    expect(presignOutcome(problem(409, { detail: 'A practice in review cannot be edited' }))).toBe('locked');
    expect(presignOutcome(problem(403, {}))).toBe('notYours');
    expect(presignOutcome(problem(404, {}))).toBe('notFound');
    expect(() => presignOutcome(problem(500, {}))).toThrow();
  });

  it('reads the attach’s answers: bytes refused, never arrived, already attached, full', () => {
    expect(attachOutcome(problem(200, {}))).toBe('done');
    expect(attachOutcome(problem(400, { errors: [{ path: 'file', message: 'must be one of' }] }))).toBe(
      'type',
    );
    expect(attachOutcome(problem(404, {}))).toBe('missing');
    expect(
      attachOutcome(problem(409, { detail: 'The file of upload x has not arrived (or it expired)' })),
    ).toBe('missing');
    expect(attachOutcome(problem(409, { detail: 'The upload x is already attached' }))).toBe('done');
    expect(attachOutcome(problem(409, { detail: 'A practice may have at most 10 attachments' }))).toBe(
      'tooMany',
    );
    expect(attachOutcome(problem(409, { detail: 'A practice in review cannot be edited' }))).toBe('locked');
  });

  it('is described by type and size in the page’s language', () => {
    expect(fileFacts(filesWords('en'), { contentType: 'application/pdf', size: 1536 })).toBe(
      'PDF document, 1.5 kB',
    );
    expect(fileFacts(filesWords('en'), { contentType: 'image/webp', size: 3 * 1024 * 1024 })).toBe(
      'WebP image, 3 MB',
    );
    expect(fileFacts(filesWords('fr'), { contentType: 'image/png', size: 2048 })).toMatch(
      /^Image PNG, 2\s*ko$/,
    );
  });
});

describe('a translation', () => {
  it('becomes the body the API takes, optional sections left out when empty', () => {
    const body = translationBody({
      title: ' 열린 예산 ',
      summary: '요약',
      problem: '문제',
      solution: '해결',
      results: '',
      lessons: ' 교훈 ',
    });
    expect(body).toEqual({
      title: '열린 예산',
      summary: '요약',
      sections: { problem: '문제', solution: '해결', lessons: '교훈' },
    });
    expect(z.safeParse(textBody, body).success).toBe(true);
    // Required parts left empty are sent, for the API to name them.
    expect(translationBody({ title: 'x' }).sections).toEqual({ problem: '', solution: '' });
  });

  it('shows the API’s refusals at their fields, in the form’s order', () => {
    const w = filesWords('en');
    const errors = translationErrors(
      w,
      {
        errors: [
          { path: 'body.sections.results', message: 'Too big: expected string to have <=4000 characters' },
          { path: 'body.title', message: 'Too small' },
          { path: 'body.sections.problem', message: 'Too small' },
          { path: 'body.other', message: 'unknown' },
        ],
      },
      { title: '', problem: '', results: 'x'.repeat(4001) },
    );
    expect(errors).toEqual([
      { field: 'title', message: 'Enter this part of the translation' },
      { field: 'problem', message: 'Enter this part of the translation' },
      { field: 'results', message: 'Use at most 4000 characters' },
    ]);
  });

  it('is into any platform language but the original, and starts from the city’s text, else the published one', () => {
    expect(targetLanguages('es')).toEqual(['en', 'ko', 'fr', 'ru', 'zh', 'ar']);
    expect(targetLanguages('pt')).toHaveLength(7);
    const machine = { language: 'ko', machine: true, title: 'M', summary: 'm' };
    const city = { language: 'ko', machine: false, title: 'C', summary: 'c' };
    const base = { id: 'p', status: 'published', language: 'es', machine: false, title: 'T', summary: 's' };
    const published = {
      ...base,
      translations: [machine],
      attachments: [],
      history: [],
      working: { ...base, change: 'draft', translations: [city], attachments: [] },
    };
    expect(textsIn(published, 'ko')).toEqual({ city, published: machine });
    expect(textsIn(published, 'fr')).toEqual({});
    // A draft: its translations are the city's own.
    const draft = { ...base, status: 'draft', translations: [city], attachments: [], history: [] };
    expect(textsIn(draft, 'ko')).toEqual({ city });
    expect(workingOf(published).translations).toEqual([city]);
  });
});

describe('what the city may change', () => {
  it('is a draft, a returned practice, or a published one whose change is not in review', () => {
    expect(isEditable({ status: 'draft' })).toBe(true);
    expect(isEditable({ status: 'changes_requested' })).toBe(true);
    expect(isEditable({ status: 'in_review' })).toBe(false);
    expect(isEditable({ status: 'published' })).toBe(true);
    expect(isEditable({ status: 'published', change: 'draft' })).toBe(true);
    expect(isEditable({ status: 'published', change: 'in_review' })).toBe(false);
    expect(isEditable({ status: 'published', working: { change: 'in_review' } })).toBe(false);
    expect(isEditable({ status: 'published', working: { change: 'changes_requested' } })).toBe(true);
    expect(isEditable({ status: 'retired' })).toBe(false);
  });
});
