import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { type Catalog, LANGUAGES } from '../../../functions/shared/i18n.ts';

/**
 * Every catalogue of messages the platform has, found by file name so that a new one is checked
 * without being registered: `messages.ts`, `*-messages.ts` or any file in a `messages/` folder under
 * functions/. Each export whose keys are the seven languages is a catalogue.
 */
const FUNCTIONS = resolve(import.meta.dirname, '../../../functions');

function messageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return messageFiles(path);
    const inFolder = dir.endsWith(`${join('/', 'messages')}`);
    return entry.name === 'messages.ts' ||
      entry.name.endsWith('-messages.ts') ||
      (inFolder && entry.name.endsWith('.ts'))
      ? [path]
      : [];
  });
}

const isCatalog = (value: unknown): value is Catalog =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).sort().join() === [...LANGUAGES].sort().join();

const catalogs: [string, Catalog][] = [];
for (const file of messageFiles(FUNCTIONS)) {
  const module = (await import(file)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(module)) {
    if (isCatalog(value)) catalogs.push([`${relative(FUNCTIONS, file)} ${name}`, value]);
  }
}

/** The arguments a message uses, each with its kind (`name:plural`, `name:date`, `name:argument`...). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      into.add(`<${el.value}>`);
      argumentsOf(el.children, into);
      continue;
    }
    into.add(`${el.value}:${TYPE[el.type]}`);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

describe('message catalogues', () => {
  it('are found (the web shell at least), so the checks below cannot pass on nothing', () => {
    expect(catalogs.map(([name]) => name)).toContain('web/shell/messages.ts common');
  });

  describe.each(catalogs)('%s', (_name, catalog) => {
    const english = Object.keys(catalog.en).sort();

    it.each(LANGUAGES.filter((l) => l !== 'en'))('has every English message in %s, and no other', (lang) => {
      expect(Object.keys(catalog[lang]).sort()).toEqual(english);
    });

    it.each(LANGUAGES)(
      'has in %s only messages that parse, are not empty, and use the same placeholders as English',
      (lang) => {
        const problems: string[] = [];
        for (const key of english) {
          const message = catalog[lang][key];
          if (message === undefined) continue; // reported by the test above
          if (message.trim() === '') {
            problems.push(`${key}: empty`);
            continue;
          }
          try {
            new IntlMessageFormat(message, lang);
            const mine = [...argumentsOf(parse(message))].sort();
            const theirs = [...argumentsOf(parse(catalog.en[key] as string))].sort();
            if (mine.join() !== theirs.join())
              problems.push(`${key}: ${mine.join(' ')} ≠ English ${theirs.join(' ')}`);
          } catch (error) {
            problems.push(`${key}: ${(error as Error).message}`);
          }
        }
        expect(problems).toEqual([]);
      },
    );
  });
});

describe('the placeholder check', () => {
  it('tells apart messages whose placeholders differ in name or in kind', () => {
    const kinds = (m: string) => [...argumentsOf(parse(m))].sort().join();
    expect(kinds('{n, plural, one {# city} other {# cities}}')).toBe(kinds('{n, plural, other {# villes}}'));
    expect(kinds('Hello {name}')).not.toBe(kinds('Hello {nom}'));
    expect(kinds('{when, date, long}')).not.toBe(kinds('{when}'));
    expect(kinds('<b>{x}</b>')).not.toBe(kinds('{x}'));
  });
});
