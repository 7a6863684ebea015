import { randomBytes } from 'node:crypto';
import { notFound } from '../shared/problem.ts';

/**
 * Ids of practices and conversations name the city they belong to forever: `<cityId>.<random>`. A
 * request then reads what it needs of the city (its representatives, its membership) alongside the
 * object itself, in the same round trip, instead of after it.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const random = (): string => [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join('');

export const newCityScopedId = (cityId: string): string => `${cityId}.${random()}`;

/** The city of a city-scoped id; an id of another shape names nothing (404). */
export function cityOf(id: string, what = 'practice'): string {
  const dot = id.lastIndexOf('.');
  if (dot < 1 || !/^[0-9a-z]{16}$/.test(id.slice(dot + 1))) throw notFound(`No ${what} ${id}`);
  return id.slice(0, dot);
}

export const newId = random;
