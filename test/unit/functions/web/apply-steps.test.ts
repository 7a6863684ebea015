import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../../functions/membership/draft-schema.ts';
import { countryChoices } from '../../../../functions/web/apply/countries.ts';
import { mapErrors } from '../../../../functions/web/apply/field-errors.ts';
import { fileSize } from '../../../../functions/web/apply/file-size.ts';
import { firstOpen, nextAfter, stepOf } from '../../../../functions/web/apply/steps.ts';
import { applyWords } from '../../../../functions/web/apply/words.ts';

const en = applyWords('en');
const step = (slug: string) => {
  const found = stepOf(slug);
  if (!found) throw new Error(slug);
  return found;
};

const draft = (answers: Draft['answers']): Draft => ({
  id: 'd',
  language: 'en',
  answers,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-31T00:00:00.000Z',
});

describe('what the question pages send to the API', () => {
  it('reads a population as people write it, and leaves anything else for the API to name', () => {
    const population = (typed: string) =>
      (step('city').answer({ 'city-population': typed }, undefined, en) as { population?: unknown })
        .population;
    expect(population('620000')).toBe(620_000);
    expect(population('1 234 567')).toBe(1_234_567);
    expect(population('1,234,567')).toBe(1_234_567);
    expect(population('620.000')).toBe(620_000);
    expect(population('1\u202f234')).toBe(1_234);
    expect(population('6.5')).toBe('6.5');
    expect(population('many')).toBe('many');
    expect(population('')).toBeUndefined();
  });

  it('sends the date signed as YYYY-MM-DD, and what was typed when it cannot be one', () => {
    const signedOn = (day: string, month: string, year: string) =>
      (
        step('signatory').answer(
          {
            'signatory-signedOn-day': day,
            'signatory-signedOn-month': month,
            'signatory-signedOn-year': year,
          },
          undefined,
          en,
        ) as { signedOn?: string }
      ).signedOn;
    expect(signedOn('3', '2', '2026')).toBe('2026-02-03');
    expect(signedOn('31', '12', '1999')).toBe('1999-12-31');
    expect(signedOn('x', '2', '2026')).toBe('2026-2-x');
    expect(signedOn('1', '2', '26')).toBe('26-2-1');
    expect(signedOn('', '', '')).toBeUndefined();
  });

  it('takes the Mayor’s name and title for a form the Mayor signed, when none was typed', () => {
    const withMayor = draft({ mayor: { name: 'Oh Se-hoon', officeEmail: 'm@seoul.example' } });
    const answer = (form: Record<string, string>) =>
      step('signatory').answer(form, withMayor, applyWords('ko'));
    expect(answer({ 'signatory-isMayor': 'yes' })).toMatchObject({
      isMayor: true,
      name: 'Oh Se-hoon',
      title: '시장',
    });
    expect(answer({ 'signatory-isMayor': 'no' })).toEqual({ isMayor: false });
    expect(
      answer({ 'signatory-isMayor': 'yes', 'signatory-name': 'Kim', 'signatory-title': 'Deputy' }),
    ).toMatchObject({ name: 'Kim', title: 'Deputy' });
  });

  it('leaves out optional answers left empty', () => {
    expect(
      step('contact').answer(
        { 'contact-name': ' Ana ', 'contact-email': 'a@city.example', 'contact-title': '' },
        undefined,
        en,
      ),
    ).toEqual({ name: 'Ana', email: 'a@city.example' });
  });
});

describe('the API’s refusals on the pages', () => {
  it('puts each on the field that asked it, in the page’s language, once per field, in page order', () => {
    const errors = mapErrors(
      {
        errors: [
          { path: 'body.answers.contact.email', message: 'must be an email address' },
          { path: 'body.email', message: 'must be an email address' },
          {
            path: 'body.answers.contact.name',
            message: 'Invalid input: expected string, received undefined',
          },
        ],
      },
      applyWords('fr'),
      { 'contact-email': 'nope', 'contact-name': '' },
    );
    expect(errors.map((e) => [e.field.id, e.message])).toEqual([
      ['contact-name', 'Saisissez le nom complet de la personne de contact'],
      ['contact-email', 'Saisissez une adresse électronique au bon format, comme nom@ville.example'],
    ]);
  });

  it('tells a date in the future from one too early, and a length from a format', () => {
    const messages = mapErrors(
      {
        errors: [
          { path: 'answers.signatory.signedOn', message: 'must not be in the future' },
          { path: 'answers.motivation', message: 'Too big: expected string to have <=5000 characters' },
        ],
      },
      en,
      { 'signatory-signedOn': '112999', motivation: 'x'.repeat(5001) },
    ).map((e) => e.message);
    expect(messages).toEqual([
      'The date signed must be today or in the past',
      'Enter 5,000 characters or fewer',
    ]);
    expect(
      mapErrors(
        { errors: [{ path: 'answers.signatory.signedOn', message: 'must not be before 1900-01-01' }] },
        en,
        {
          'signatory-signedOn': '111800',
        },
      )[0]?.message,
    ).toBe('The date signed must be after 1 January 1900');
  });

  it('points a missing section at its first question', () => {
    const [error] = mapErrors({ errors: [{ path: 'answers.mayor', message: 'expected object' }] }, en, {});
    expect(error?.step.slug).toBe('mayor');
    expect(error?.field.id).toBe('mayor-name');
    expect(error?.message).toBe('Enter the full name of the Mayor');
  });
});

describe('the order of the questions', () => {
  it('goes on at the first question not answered, and to the check page when all are', () => {
    expect(firstOpen(draft({}))).toBe('contact');
    expect(firstOpen(draft({ contact: { name: 'A', email: 'a@city.example' }, motivation: 'm' }))).toBe(
      'city',
    );
  });

  it('asks for the signed form after the last question, and opens the check page only once it is uploaded', () => {
    // Prepare
    const answered = draft({
      contact: { name: 'A', email: 'a@city.example' },
      city: { name: 'Webville', country: 'KR', region: 'asia', population: 10 },
      mayor: { name: 'M', officeEmail: 'm@city.example' },
      signatory: { name: 'M', title: 'Mayor', isMayor: true, signedOn: '2026-01-01' },
      motivation: 'm',
    });
    const withForm: Draft = {
      ...answered,
      signedForm: { uploadId: 'u', size: 670, uploadedAt: '2026-01-02T00:00:00.000Z' },
    };

    // Act and assess
    expect(nextAfter(step('motivation'))).toBe('signed-form');
    expect(firstOpen(answered)).toBe('signed-form');
    expect(firstOpen(withForm)).toBe('check');
    expect(firstOpen({ ...withForm, answers: { ...answered.answers, mayor: undefined } })).toBe('mayor');
  });
});

describe('the signed form’s size', () => {
  it('reads in kilobytes or megabytes, in the page’s language', () => {
    expect(fileSize(en, 670)).toBe('0.7 kB');
    expect(fileSize(en, 3.5 * 1024 * 1024)).toBe('3.5 MB');
    expect(fileSize(applyWords('fr'), 1536)).toBe('1,5\u202fko');
    expect(fileSize(applyWords('ru'), 2 * 1024 * 1024)).toMatch(/^2\s?МБ$/);
  });
});

describe('the countries', () => {
  it('are every assigned code, named and ordered in the page’s language', () => {
    const ko = countryChoices('ko');
    expect(ko).toHaveLength(249);
    expect(ko.find((c) => c.value === 'KR')?.label).toBe('대한민국');
    const fr = countryChoices('fr').map((c) => c.label);
    expect(fr.indexOf('Égypte')).toBeLessThan(fr.indexOf('Espagne'));
    expect(countryChoices('ar').find((c) => c.value === 'EG')?.label).toBe('مصر');
  });
});
