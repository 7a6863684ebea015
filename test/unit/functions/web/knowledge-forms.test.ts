import { describe, expect, it } from 'vitest';
import { practiceBody, practicePatch } from '../../../../functions/knowledge/schemas.ts';
import * as z from '../../../../functions/shared/zod.ts';

/**
 * The practice form's logic: the form's fields to the API's body (checked with the API's own
 * schemas: what is empty is left out of a draft and removed from an edit), and the API's error paths
 * back to the form's fields, in the page's language.
 */
await import('../../support/web-env.ts');
const { bodyOf, fieldErrors, valuesOf } = await import(
  '../../../../functions/web/knowledge/practice-form.ts'
);
const { words } = await import('../../../../functions/web/knowledge/views.ts');

const form = {
  title: ' Ventanilla única ',
  summary: 'Un solo lugar.',
  language: 'es',
  problem: 'Trámites dispersos.',
  solution: 'Una ventanilla.',
  results: '',
  themes: ['efficient-government', 'safe-city'],
  sdgs: '11',
  stage: 'pilot',
  yearStarted: '2021',
  costRange: '',
  technologies: 'Decidim\n\n  OpenStreetMap  ',
  partners: '',
  links: 'https://example.org/a Informe anual\nhttps://example.org/b',
};

describe('the practice form', () => {
  it('makes a draft the API accepts, leaving out what is empty', () => {
    const body = bodyOf(form, 'new');
    expect(body).toEqual({
      title: 'Ventanilla única',
      summary: 'Un solo lugar.',
      language: 'es',
      sections: { problem: 'Trámites dispersos.', solution: 'Una ventanilla.' },
      themes: ['efficient-government', 'safe-city'],
      sdgs: [11],
      stage: 'pilot',
      yearStarted: 2021,
      technologies: ['Decidim', 'OpenStreetMap'],
      links: [{ url: 'https://example.org/a', title: 'Informe anual' }, { url: 'https://example.org/b' }],
    });
    expect(z.safeParse(practiceBody, body).success).toBe(true);
  });

  it('makes an edit that removes what was emptied, and never changes the language', () => {
    const body = bodyOf({ ...form, stage: '', sdgs: [] }, 'edit');
    expect(body).toMatchObject({ stage: null, sdgs: null, costRange: null, partners: null });
    expect((body.sections as Record<string, unknown>).results).toBeNull();
    expect(body).not.toHaveProperty('language');
    expect(z.safeParse(practicePatch, body).success).toBe(true);
  });

  it('sends a year that is not a number as typed, so the API refuses it at its field', () => {
    expect(bodyOf({ ...form, yearStarted: 'last year' }, 'new').yearStarted).toBe('last year');
  });

  it('turns a practice read back into the same form', () => {
    const values = valuesOf({
      id: 'p1',
      status: 'draft',
      language: 'es',
      title: 'T',
      summary: 'S',
      sections: { problem: 'P', solution: 'So' },
      themes: ['safe-city'],
      sdgs: [3, 11],
      yearStarted: 2020,
      technologies: ['A', 'B'],
      partners: [],
      links: [{ url: 'https://x.example/', title: 'X site' }],
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(values).toMatchObject({
      sdgs: ['3', '11'],
      technologies: 'A\nB',
      links: 'https://x.example/ X site',
    });
    expect(z.safeParse(practicePatch, bodyOf(values, 'edit')).success).toBe(true);
  });

  it('shows the API’s errors at their fields in the page’s language, in the form’s order', () => {
    const errors = fieldErrors(
      words('fr'),
      {
        errors: [
          { path: 'body.links.1.url', message: 'must be an http(s) URL' },
          { path: 'body.sections.solution', message: 'Too small' },
          { path: 'body.title', message: 'Too big: expected string to have <=200 characters' },
          { path: 'body.themes', message: 'must name at least one theme' },
          { path: 'body.yearStarted', message: 'expected number' },
        ],
      },
      { ...form, title: 'x'.repeat(201), solution: '' },
    );
    expect(errors).toEqual([
      { field: 'title', message: 'Utilisez au plus 200 caractères' },
      { field: 'solution', message: 'Saisissez cette partie de la pratique' },
      { field: 'themes', message: 'Choisissez au moins un thème' },
      { field: 'yearStarted', message: expect.stringContaining('1950') },
      { field: 'links', message: expect.stringContaining('ligne 2') },
    ]);
  });
});
