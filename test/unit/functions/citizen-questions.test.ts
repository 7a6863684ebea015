import { describe, expect, it } from 'vitest';
import { translator } from '../../../functions/shared/i18n.ts';
import { citizen } from '../../../functions/web/citizen/messages.ts';
import {
  type Answers,
  answersOf,
  checkAnswers,
  checkQuestions,
  fieldOfPath,
  fieldsOf,
  nextPage,
  previousPage,
  type Question,
  questionsOf,
  requestOf,
  stepOf,
  stepsBefore,
  w3cDateTime,
} from '../../../functions/web/citizen/report-flow.ts';
import { checkPage, questionsStep } from '../../../functions/web/citizen/report-views.ts';

const flow = '6f1d0c1e-3a7b-4c2e-9d1f-0a1b2c3d4e5f';
const QUESTIONS: Question[] = [
  { code: 'size', datatype: 'number', required: true, description: 'How wide is it, in metres?', order: 2 },
  { code: 'seen', datatype: 'datetime', required: false, description: 'When did you see it?', order: 3 },
  { code: 'plate', datatype: 'string', required: false, description: 'Vehicle plate', order: 4 },
  { code: 'notes', datatype: 'text', required: false, description: 'Anything else?', order: 5 },
  {
    code: 'danger',
    datatype: 'singlevaluelist',
    required: true,
    description: 'Is it dangerous?',
    datatypeDescription: 'For people walking or driving',
    order: 1,
    values: [
      { key: 'yes', name: 'Yes' },
      { key: 'no', name: 'No' },
    ],
  },
  {
    code: 'who',
    datatype: 'multivaluelist',
    required: false,
    description: 'Who is affected?',
    order: 6,
    values: [
      { key: 'walkers', name: 'People walking' },
      { key: 'cyclists', name: 'Cyclists' },
      { key: 'drivers', name: 'Drivers' },
    ],
  },
];
const base = {
  flow,
  city: 'C1',
  service: 'pothole',
  questionsFor: 'pothole',
  district: 'Jongno',
  description: 'A hole.',
};
const answered = (attrs: Record<string, string[]>, extra: Partial<Answers> = {}): Answers => ({
  ...base,
  ...extra,
  attrs,
});
const errorsOf = (attrs: Record<string, string[]>, extra: Partial<Answers> = {}) =>
  checkQuestions(answered(attrs, extra), QUESTIONS);

describe("a service's questions in the report", () => {
  it('are the attributes other than the district, in their order', () => {
    const district: Question = {
      code: 'district',
      datatype: 'string',
      required: true,
      description: 'District',
    };
    expect(questionsOf({ attributes: [...QUESTIONS, district] }).map((q) => q.code)).toEqual([
      'danger',
      'size',
      'seen',
      'plate',
      'notes',
      'who',
    ]);
    expect(questionsOf({})).toEqual([]);
    expect(questionsOf(undefined)).toEqual([]);
  });

  it('are read from the form as attr.<code> fields, every value of a list, for the chosen service only', () => {
    const form = {
      flow,
      city: 'C1',
      service: 'pothole',
      questionsFor: 'pothole',
      'attr.size': '2',
      'attr.who': ['walkers', 'drivers'],
      'attr.plate': '  ',
      'attr.bad code!': 'x',
      attrsize: 'y',
    };
    expect(answersOf(form).attrs).toEqual({ size: ['2'], who: ['walkers', 'drivers'] });
    // Another matter was chosen since: its answers are dropped, and so is the service they were for.
    const changed = answersOf({ ...form, service: 'streetlight' });
    expect(changed.attrs).toBeUndefined();
    expect(changed.questionsFor).toBeUndefined();
    // Without the service they were for (a forged form), none are taken.
    const { questionsFor: _, ...unmarked } = form;
    expect(answersOf(unmarked).attrs).toBeUndefined();
  });

  it('travel as hidden fields, one per value of a list, and come back the same', () => {
    const answers = answered({ size: ['2'], who: ['walkers', 'drivers'] });
    const fields = fieldsOf(answers);
    expect(fields).toContainEqual(['attr.who', 'walkers']);
    expect(fields).toContainEqual(['attr.who', 'drivers']);
    const form: Record<string, string | string[]> = {};
    for (const [name, value] of fields) {
      const had = form[name];
      form[name] = had === undefined ? value : [...(typeof had === 'string' ? [had] : had), value];
    }
    expect(answersOf(form)).toEqual(answers);
  });

  it('accept every datatype answered well, and send them as the API takes them', () => {
    const answers = answered(
      {
        size: ['3,5'],
        seen: ['2026-11-29T14:30'],
        plate: ['12가 3456'],
        notes: ['Line one\nline two'],
        danger: ['yes'],
        who: ['walkers', 'cyclists'],
      },
      { tz: 'Asia/Seoul' },
    );
    expect(errorsOf(answers.attrs as Record<string, string[]>, { tz: 'Asia/Seoul' })).toEqual([]);
    expect(checkAnswers(answers, stepsBefore('check'), 'en', QUESTIONS)).toEqual([]);
    expect(requestOf(answers, 'en', QUESTIONS).attributes).toEqual({
      size: '3.5',
      seen: '2026-11-29T14:30:00+09:00',
      plate: '12가 3456',
      notes: 'Line one\nline two',
      danger: 'yes',
      who: ['walkers', 'cyclists'],
    });
    // No answers, no attributes.
    expect(requestOf(answered({ danger: ['no'], size: ['1'] }), 'en')).not.toHaveProperty('attributes');
  });

  it('must answer the required ones; the optional ones may be left out', () => {
    expect(errorsOf({})).toEqual([
      { field: 'attr.size', problem: 'required' },
      { field: 'attr.danger', problem: 'required' },
    ]);
    expect(errorsOf({ size: ['1'], danger: ['no'] })).toEqual([]);
  });

  it('refuse what is not a number, not a date and time, or not one of a list’s values', () => {
    const ok = { size: ['1'], danger: ['no'] };
    expect(errorsOf({ ...ok, size: ['twelve'] })).toEqual([{ field: 'attr.size', problem: 'invalid' }]);
    expect(errorsOf({ ...ok, size: ['1e999'] })).toEqual([{ field: 'attr.size', problem: 'invalid' }]);
    expect(errorsOf({ ...ok, seen: ['2026-02-30T10:00'] })).toEqual([
      { field: 'attr.seen', problem: 'invalid' },
    ]);
    expect(errorsOf({ ...ok, seen: ['yesterday'] })).toEqual([{ field: 'attr.seen', problem: 'invalid' }]);
    expect(errorsOf({ ...ok, danger: ['maybe'] })).toEqual([{ field: 'attr.danger', problem: 'invalid' }]);
    expect(errorsOf({ ...ok, danger: ['yes', 'no'] })).toEqual([
      { field: 'attr.danger', problem: 'invalid' },
    ]);
    expect(errorsOf({ ...ok, who: ['walkers', 'horses'] })).toEqual([
      { field: 'attr.who', problem: 'invalid' },
    ]);
    expect(errorsOf({ ...ok, plate: ['one', 'two'] })).toEqual([{ field: 'attr.plate', problem: 'invalid' }]);
    // A one-line answer on two lines.
    expect(errorsOf({ ...ok, plate: ['12\n34'] })).toEqual([{ field: 'attr.plate', problem: 'invalid' }]);
  });

  it('refuse answers too long for the API, and lone surrogates', () => {
    const ok = { size: ['1'], danger: ['no'] };
    expect(errorsOf({ ...ok, plate: ['x'.repeat(300)] })).toEqual([]);
    expect(errorsOf({ ...ok, plate: ['x'.repeat(301)] })).toEqual([
      { field: 'attr.plate', problem: 'tooLong' },
    ]);
    expect(errorsOf({ ...ok, notes: ['x'.repeat(4001)] })).toEqual([
      { field: 'attr.notes', problem: 'tooLong' },
    ]);
    expect(errorsOf({ ...ok, notes: ['broken \uD83D text'] })).toEqual([
      { field: 'attr.notes', problem: 'invalid' },
    ]);
    expect(errorsOf({ ...ok, plate: ['\uDC00'] })).toEqual([{ field: 'attr.plate', problem: 'invalid' }]);
    // A whole emoji (a surrogate pair) is fine.
    expect(errorsOf({ ...ok, notes: ['a hole 🕳️'] })).toEqual([]);
  });

  it('ignore answers to codes the service does not ask: they are never sent', () => {
    const answers = answered({ size: ['1'], danger: ['no'], colour: ['red'] });
    expect(checkQuestions(answers, QUESTIONS)).toEqual([]);
    expect(requestOf(answers, 'en', QUESTIONS).attributes).not.toHaveProperty('colour');
  });

  it('are checked only once the questions step is behind, in the order they are asked', () => {
    const answers = answered({ size: ['x'] });
    expect(checkAnswers(answers, stepsBefore('questions'), 'en', QUESTIONS)).toEqual([]);
    expect(
      checkAnswers(
        { ...answers, description: undefined } as never,
        stepsBefore('where'),
        'en',
        questionsOf({ attributes: QUESTIONS }),
      ),
    ).toEqual([
      { field: 'attr.danger', problem: 'required' },
      { field: 'attr.size', problem: 'invalid' },
    ]);
    expect(stepOf('attr.size')).toBe('questions');
  });

  it('map the API’s field errors (body.attributes.<code>) back to their question', () => {
    expect(fieldOfPath(['attributes', 'size'])).toBe('attr.size');
    expect(fieldOfPath(['attributes'])).toBeUndefined();
  });

  it('are a step only for a service with questions: forward and back skip it otherwise', () => {
    expect(nextPage('matter', true)).toBe('questions');
    expect(nextPage('matter', false)).toBe('where');
    expect(previousPage('where', true)).toBe('questions');
    expect(previousPage('where', false)).toBe('matter');
    expect(previousPage('questions', true)).toBe('matter');
  });
});

describe('a date and time answer', () => {
  it('takes the browser’s time zone at that date (summer time too), or UTC without one', () => {
    expect(w3cDateTime('2026-11-29T14:30', 'Asia/Seoul')).toBe('2026-11-29T14:30:00+09:00');
    expect(w3cDateTime('2026-07-01T09:00', 'Europe/Paris')).toBe('2026-07-01T09:00:00+02:00');
    expect(w3cDateTime('2026-01-01T09:00', 'Europe/Paris')).toBe('2026-01-01T09:00:00+01:00');
    expect(w3cDateTime('2026-01-01T09:00', 'America/St_Johns')).toBe('2026-01-01T09:00:00-03:30');
    expect(w3cDateTime('2026-01-01T09:00:15', undefined)).toBe('2026-01-01T09:00:15Z');
    expect(w3cDateTime('2026-01-01T09:00', 'Not/AZone')).toBe('2026-01-01T09:00:00Z');
    expect(w3cDateTime('2026-13-01T09:00', undefined)).toBeUndefined();
    expect(w3cDateTime('2026-01-01T24:00', undefined)).toBeUndefined();
    expect(w3cDateTime('2026-01-01', undefined)).toBeUndefined();
  });
});

describe('the questions page and the check page', () => {
  const t = translator('en', citizen);
  const service = { code: 'pothole', name: 'Potholes', attributes: QUESTIONS };
  const view = (answers: Answers, errors = []) => ({
    t,
    answers,
    errors,
    returnToCheck: false,
    questions: questionsOf(service),
  });

  it('asks each question with the field its datatype needs, optional ones said so', () => {
    const body = String(questionsStep(view(answered({ who: ['drivers'] })), service).body);
    expect(body).toContain('name="attr.size" type="text"');
    expect(body).toContain('inputmode="decimal"');
    expect(body).toContain('type="datetime-local"');
    expect(body).toMatch(/<textarea[^>]*name="attr.notes"/);
    expect(body).toContain('type="radio" value="yes"');
    expect(body).toMatch(/type="checkbox" value="drivers" checked/);
    expect(body).toContain('When did you see it? (optional)');
    expect(body).toContain('For people walking or driving');
    expect(body).toContain('name="questionsFor" value="pothole"');
    expect(body).toContain('data-time-zone');
    // The answers of this step are its fields, not hidden copies.
    expect(body).not.toContain('type="hidden" name="attr.who"');
    // Its required questions, for the script to point out before sending.
    expect(body).toContain('attr.danger');
    expect(body.indexOf('Is it dangerous?')).toBeLessThan(body.indexOf('How wide is it'));
  });

  it('offers a list of many choices as a select', () => {
    const many: Question = {
      code: 'kind',
      datatype: 'singlevaluelist',
      required: false,
      description: 'Kind',
      values: Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, name: `Kind ${i}` })),
    };
    const body = String(questionsStep({ ...view(answered({})), questions: [many] }, service).body);
    expect(body).toContain('<select class="select" id="attr.kind" name="attr.kind"');
  });

  it('shows an error at its question, naming it', () => {
    const body = String(
      questionsStep(view(answered({}), [{ field: 'attr.size', problem: 'required' }] as never), service).body,
    );
    expect(body).toContain('Answer the question “How wide is it, in metres?”');
    expect(body).toContain('href="#attr.size"');
  });

  it('check page: each answer in words with a Change link to the questions, unanswered ones "Not given"', () => {
    const answers = answered({
      size: ['2'],
      danger: ['yes'],
      who: ['walkers', 'drivers'],
      seen: ['2026-11-29T14:30'],
    });
    const body = String(checkPage(view(answers), { id: 'C1', name: 'Seoul', country: 'KR' }, service).body);
    expect(body).toContain('People walking and Drivers');
    expect(body).toContain('November 29, 2026');
    expect(body).toMatch(
      /Vehicle plate<\/dt>\s*<dd class="summary-list__value"><span class="report-check__none">Not given/,
    );
    expect(body).toContain('formaction="/en/report/questions"');
    expect(body).toContain('<input type="hidden" name="attr.who" value="drivers">');
  });
});
