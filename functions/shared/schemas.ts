import * as z from './zod.ts';

/** Building blocks shared by request schemas. Objects are strict: an unknown key is a 400. */
export const email = z.pipe(
  z.email({ error: 'must be an email address' }).check(z.maxLength(254)),
  z.transform((e: string) => e.toLowerCase()),
);

/** One line of human text: trimmed, no control characters (they could break email headers). */
export const line = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(max),
    z.refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { error: 'must be a single line of text' }),
  );

/** Free text (a description, a reason): newlines allowed, other control characters not. */
export const text = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(max),
    z.refine((s) => !/(?![\t\n\r])\p{Cc}/u.test(s), {
      error: 'must not contain control characters',
    }),
  );

/** A phone number as people write it: digits, spaces, brackets, dots, dashes and a leading +. */
export const phone = z
  .string()
  .check(z.trim(), z.regex(/^\+?[0-9 ().-]{6,30}$/, { error: 'must be a phone number' }));
