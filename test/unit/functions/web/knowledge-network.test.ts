import { describe, expect, it } from 'vitest';
import { adoptionBody, contactBody } from '../../../../functions/knowledge/schemas.ts';
import type { Language } from '../../../../functions/shared/i18n.ts';
import type { Role } from '../../../../functions/shared/route.ts';
import * as z from '../../../../functions/shared/zod.ts';

/**
 * The logic of the pages between cities: who is offered contact and "we adopted this" on a practice,
 * who gets the Secretariat's hiding form, the forms checked as the API checks them (so a form the page
 * lets through is one the API takes), and when a practice of the city's own list can be edited.
 */
await import('../../support/web-env.ts');
const { practiceNetwork } = await import('../../../../functions/web/knowledge/network.ts');
const { hideControl } = await import('../../../../functions/web/knowledge/hide.ts');
const { checkContact } = await import('../../../../functions/web/knowledge/contact.ts');
const { checkAdoption } = await import('../../../../functions/web/knowledge/adopt.ts');
const { editable } = await import('../../../../functions/web/knowledge/my.ts');
type PageRequest = import('../../../../functions/web/server.ts').PageRequest;

function request(
  o: { roles?: Role[]; lang?: Language; form?: Record<string, string>; signedOut?: boolean } = {},
): PageRequest {
  return {
    method: 'GET',
    lang: o.lang ?? 'en',
    path: '/knowledge/practices/lima.x',
    params: { id: 'lima.x' },
    query: new URLSearchParams(),
    form: o.form ?? {},
    cookies: {},
    session: o.signedOut
      ? undefined
      : { token: 't', email: 'a@x.example', roles: o.roles ?? ['member'], expiresAt: new Date() },
  } as unknown as PageRequest;
}

const published = {
  id: 'lima.0123456789abcdef',
  status: 'published',
  title: 'Presupuesto <b>participativo</b>',
  language: 'es',
  city: { id: 'lima', name: 'Lima & Callao', country: 'PE' },
};

describe('the practice page’s offer to other cities', () => {
  it('offers a representative of another city to contact the city (by name, escaped) and to mark it adopted', () => {
    const out = String(practiceNetwork(request(), published));
    expect(out).toContain('href="/en/knowledge/practices/lima.0123456789abcdef/contact"');
    expect(out).toContain('href="/en/knowledge/practices/lima.0123456789abcdef/adopt"');
    expect(out).toContain('Contact Lima &amp; Callao');
    expect(out).toContain('We adopted this');
  });

  it('offers nothing to the practice’s own city (the API shows it the history) or to the Secretariat', () => {
    expect(practiceNetwork(request(), { ...published, history: [] })).toBe('');
    expect(practiceNetwork(request({ roles: ['secretariat'] }), published)).toBe('');
  });

  it('tells a visitor who may write and how to sign in, coming back to the practice', () => {
    const out = String(practiceNetwork(request({ signedOut: true, lang: 'ar' }), published));
    expect(out).not.toContain('/contact');
    expect(out).toContain('href="/ar/sign-in?return=%2Far%2Fknowledge%2Fpractices%2Flima.x"');
    expect(out).toContain('تسجيل الدخول');
  });

  it('tells a signed-in official it is for representatives only, with no form', () => {
    const out = String(practiceNetwork(request({ roles: ['official'] }), published));
    expect(out).toContain('Only representatives of member cities');
    expect(out).not.toContain('/contact');
  });

  it('offers nothing on a practice that is not published (a draft, a retired one)', () => {
    expect(practiceNetwork(request(), { ...published, status: 'retired' })).toBe('');
    expect(practiceNetwork(request({ signedOut: true }), { ...published, status: 'draft' })).toBe('');
  });
});

describe('the Secretariat’s hiding form', () => {
  it('is on the question page for the Secretariat only, posting a required reason to the action', () => {
    const out = String(
      hideControl(request({ roles: ['secretariat'] }), 'q1', { kind: 'answer', answerId: 'a1' }),
    );
    expect(out).toContain('<details');
    expect(out).toContain('action="/en/knowledge/questions/q1/answers/a1/hide"');
    expect(out).toContain('name="reason"');
    expect(String(hideControl(request({ roles: ['secretariat'] }), 'q1', { kind: 'question' }))).toContain(
      'action="/en/knowledge/questions/q1/hide"',
    );
    expect(hideControl(request({ roles: ['member'] }), 'q1', { kind: 'question' })).toBe('');
    expect(hideControl(request({ signedOut: true }), 'q1', { kind: 'question' })).toBe('');
  });
});

describe('the forms, checked on the page as the API checks them', () => {
  const messages = [
    '',
    '   ',
    'Hello',
    'a'.repeat(4000),
    'a'.repeat(4001),
    'bell\u0007',
    'two\n\nparagraphs\ttab',
  ];

  it('lets through exactly the messages the contact route accepts', () => {
    for (const message of messages) {
      const typed = checkContact(request({ form: { message, key: 'k1' } }));
      const api = z.safeParse(contactBody, { message: message.trim() }).success;
      expect(typed.errors.length === 0, JSON.stringify(message)).toBe(api);
    }
  });

  it('asks the city of one who represents several, and keeps the form’s key', () => {
    const typed = checkContact(request({ form: { message: 'Hi', several: '1', key: 'abc-1' } }));
    expect(typed.errors).toEqual([{ field: 'cityId', message: 'Choose the city you write for' }]);
    expect(typed.key).toBe('abc-1');
    expect(checkContact(request({ form: { message: 'Hi', key: '<bad key>' } })).key).toMatch(/^[\w-]+$/);
  });

  it('lets through exactly the notes the adoption route accepts, in the page’s language', () => {
    for (const note of ['', 'Since 2025.', 'a'.repeat(2000), 'a'.repeat(2001), 'nul\u0000']) {
      const typed = checkAdoption(request({ form: { note } }));
      expect(typed.errors.length === 0, JSON.stringify(note)).toBe(
        z.safeParse(adoptionBody, { note: note.trim() }).success,
      );
    }
    expect(checkAdoption(request({ lang: 'fr', form: { note: '' } })).errors[0]?.message).toBe(
      'Indiquez ce que votre ville a adopté',
    );
  });
});

describe('a practice of the city’s own list', () => {
  it('can be edited unless it is in review or retired, a published one’s change included', () => {
    expect(editable({ status: 'draft' })).toBe(true);
    expect(editable({ status: 'changes_requested' })).toBe(true);
    expect(editable({ status: 'in_review' })).toBe(false);
    expect(editable({ status: 'published' })).toBe(true);
    expect(editable({ status: 'published', change: 'draft' })).toBe(true);
    expect(editable({ status: 'published', change: 'in_review' })).toBe(false);
    expect(editable({ status: 'retired' })).toBe(false);
  });
});
