import type { ApiProblem } from '../api-client.ts';
import { type FieldSpec, STEPS, type Step, type Values } from './steps.ts';
import type { ApplyWords } from './words.ts';

/**
 * The API's 400 names each refused answer by its path (`body.answers.city.population`, or
 * `answers.city.population` for a submitted draft); here each becomes the field of the question page
 * that asks it, with a message in the page's language: "enter…" for an answer left empty, the
 * field's own explanation otherwise (a length, a date in the future).
 */
export interface MappedError {
  readonly step: Step;
  readonly field: FieldSpec;
  readonly message: string;
}

function messageFor(w: ApplyWords, field: FieldSpec, apiMessage: string, typed: Values): string {
  const value = typed[field.id] ?? '';
  if (value === '' && w.has(field.id, 'required')) return w.field(field.id, 'required');
  if (field.max && /too big|too long|<=|at most/i.test(apiMessage))
    return w('error.tooLong', { max: field.max });
  if (field.id === 'signatory-signedOn') {
    if (/future/.test(apiMessage)) return w.field(field.id, 'future');
    if (/before/.test(apiMessage)) return w.field(field.id, 'past');
  }
  return w.has(field.id, 'invalid') ? w.field(field.id, 'invalid') : w.field(field.id, 'required');
}

/** Where an error points: the draft's `email` is the contact's address; a whole section, its first field. */
function locate(path: string): { step: Step; field: FieldSpec } | undefined {
  const inAnswers = path.replace(/^body\./, '').replace(/^answers\./, '');
  const where = inAnswers === 'email' ? 'contact.email' : inAnswers;
  const step = STEPS.find((s) => s.section === where.split('.')[0]);
  if (!step) return undefined;
  const field =
    step.fields.find((f) => f.path === where) ??
    step.fields.find((f) => where.startsWith(`${f.path}.`)) ??
    (step.fields[0] as FieldSpec);
  return { step, field };
}

/** The API's field errors on the pages, one per field, in the order the pages ask them. */
export function mapErrors(problem: ApiProblem | undefined, w: ApplyWords, typed: Values): MappedError[] {
  const found = new Map<string, MappedError>();
  for (const error of problem?.errors ?? []) {
    const at = locate(error.path);
    if (!at || found.has(at.field.id)) continue;
    found.set(at.field.id, { ...at, message: messageFor(w, at.field, error.message, typed) });
  }
  const order = STEPS.flatMap((s) => s.fields.map((f) => f.id));
  return [...found.values()].sort((a, b) => order.indexOf(a.field.id) - order.indexOf(b.field.id));
}
