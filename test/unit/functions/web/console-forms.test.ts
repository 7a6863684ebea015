import { describe, expect, it } from 'vitest';
import { serviceAttribute } from '../../../../functions/cps/attributes.ts';
import type { ServiceAttribute } from '../../../../functions/cps/types.ts';

/**
 * The logic of the console's representatives and service questions forms: the questions' rows to and
 * from the API's attributes (choices one per line), the API's error paths back to the row and field,
 * the representatives' list checked with the knowledge API's schema and its digest; and the site
 * navigation by role.
 */
await import('../../support/web-env.ts');
const { attributeError, attributeOf, attributeRow, blankAttribute, parseValues, servicesWith } = await import(
  '../../../../functions/web/console/attributes.ts'
);
const { checkList, listDigest, withAdded } = await import(
  '../../../../functions/web/console/representatives.ts'
);
const { consoleT } = await import('../../../../functions/web/console/views.ts');
const { navLinks } = await import('../../../../functions/web/layout.ts');

const size: ServiceAttribute = {
  code: 'size',
  datatype: 'singlevaluelist',
  required: true,
  description: 'How big is it?',
  order: 2,
  values: [
    { key: 'small', name: 'Smaller than a hand' },
    { key: 'big', name: 'Big' },
    { key: 'a=b', name: 'c' },
  ],
};

describe('a service question in the form', () => {
  it('round-trips an attribute through its row, and the API takes what the row gives', () => {
    const row = attributeRow(size);
    expect(row.values).toBe('small = Smaller than a hand\nbig = Big\na=b = c');
    expect(row.required).toBe('yes');
    // A key with `=` in it comes back as it was (a line splits at its first ` = `).
    expect(attributeOf(row)).toEqual(size);
    const plain: ServiceAttribute = {
      code: 'seen',
      datatype: 'datetime',
      required: false,
      description: 'When?',
    };
    expect(attributeOf(attributeRow(plain))).toEqual(plain);
    expect(serviceAttribute.safeParse(attributeOf(attributeRow(plain))).success).toBe(true);
  });

  it('reads choices one per line, a line alone being its own key, blank lines skipped', () => {
    expect(parseValues(' small = Small \r\n\n  Medium\nbig=Big \nx=y = 1 = 2')).toEqual([
      { key: 'small', name: 'Small' },
      { key: 'Medium', name: 'Medium' },
      { key: 'big', name: 'Big' },
      { key: 'x=y', name: '1 = 2' },
    ]);
    expect(parseValues('   \n')).toEqual([]);
  });

  it('sends a list type without choices (the API says what is missing), a bad order as typed', () => {
    const row = {
      ...blankAttribute(),
      code: 'kind',
      datatype: 'multivaluelist',
      description: 'Kind',
      order: 'first',
    };
    expect(attributeOf(row)).toEqual({
      code: 'kind',
      datatype: 'multivaluelist',
      required: false,
      description: 'Kind',
      order: 'first',
      values: [],
    });
    expect(serviceAttribute.safeParse(attributeOf(row)).success).toBe(false);
  });

  it('replaces the attributes of one service only, and drops them when none is left', () => {
    const services = [
      { code: 'a', name: 'A', slaHours: 1, attributes: [size] },
      { code: 'b', name: 'B', slaHours: 2, attributes: [size] },
    ];
    expect(servicesWith(services, 'b', [])).toEqual([services[0], { code: 'b', name: 'B', slaHours: 2 }]);
    expect(servicesWith(services, 'a', [{ code: 'x' }])[0]).toEqual({
      code: 'a',
      name: 'A',
      slaHours: 1,
      attributes: [{ code: 'x' }],
    });
  });

  it("maps the API's error paths to the question's row and field on the page", () => {
    const t = consoleT('en');
    const sent = [{ row: 0 }, { row: 2 }];
    expect(attributeError(t, 'body.services.1.attributes.1.order', 1, sent)).toEqual({
      field: 'attr-2-order',
      message: 'Enter the order of question 3 as a whole number from 1 to 1000',
    });
    expect(attributeError(t, 'body.services.1.attributes.0.values.4.key', 1, sent)?.message).toContain(
      'Question 1, choice 5',
    );
    // Another service's error, an unknown field, a row not sent: not this page's to place.
    expect(attributeError(t, 'body.services.0.attributes.0.code', 1, sent)).toBeUndefined();
    expect(attributeError(t, 'body.services.1.attributes.0.required', 1, sent)).toBeUndefined();
    expect(attributeError(t, 'body.services.1.attributes.7.code', 1, sent)).toBeUndefined();
    expect(attributeError(consoleT('ru'), 'body.services.1.attributes.0.code', 1, sent)?.message).toContain(
      'Введите код вопроса 1',
    );
  });
});

describe("a city's representatives in the form", () => {
  const reps = [{ name: 'Lee ICT', email: 'ict@city.example' }];

  it('adds the one typed, its email in lower case, checked with the API schema', () => {
    const list = withAdded(reps, { name: 'Camille', email: 'Camille@City.Example', language: 'fr' });
    expect(list[1]).toEqual({ name: 'Camille', email: 'camille@city.example', language: 'fr' });
    expect(checkList(list)).toEqual([]);
    expect(checkList(withAdded(reps, { name: ' ', email: 'nope', language: 'xx' }))).toEqual(
      expect.arrayContaining(['name', 'email', 'language']),
    );
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `P${i}`, email: `p${i}@city.example` }));
    expect(
      checkList(withAdded(many, { name: 'One more', email: 'more@city.example', language: '' })),
    ).toEqual(['list']);
  });

  it('tells a list that changed from the one shown', () => {
    expect(listDigest(reps)).toBe(listDigest([{ ...reps[0] } as (typeof reps)[0]]));
    expect(listDigest(reps)).not.toBe(listDigest([{ name: 'Lee ICT', email: 'other@city.example' }]));
    expect(listDigest(reps)).not.toBe(listDigest([{ ...reps[0], language: 'ko' } as (typeof reps)[0]]));
    expect(listDigest([])).not.toBe(listDigest(reps));
  });
});

describe('the site navigation', () => {
  const hrefs = (roles?: ('secretariat' | 'committee' | 'official')[], path = '/') =>
    navLinks({ path, ...(roles ? { roles } : {}) }).map((n) => n.path);

  it('shows each role its areas, and the knowledge platform to everyone', () => {
    expect(hrefs()).toEqual(['/', '/report', '/members', '/knowledge', '/official']);
    expect(hrefs(['secretariat'])).toContain('/console');
    expect(hrefs(['secretariat'])).not.toContain('/committee');
    expect(hrefs(['committee'])).toEqual([
      '/',
      '/report',
      '/members',
      '/knowledge',
      '/official',
      '/committee',
    ]);
    expect(hrefs(['official'])).not.toContain('/console');
  });

  it('marks the page itself, or the section a page is in', () => {
    const current = (path: string) =>
      navLinks({ path, roles: ['secretariat'] })
        .filter((n) => n.current)
        .map((n) => [n.path, n.current]);
    expect(current('/console')).toEqual([['/console', 'page']]);
    expect(current('/console/cities/x/representatives')).toEqual([['/console', 'true']]);
    expect(current('/')).toEqual([['/', 'page']]);
    expect(current('/consoles')).toEqual([]);
  });
});
