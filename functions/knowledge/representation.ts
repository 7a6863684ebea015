import { tableName } from '../shared/ddb.ts';
import type { TransactItem } from '../shared/transaction.ts';
import { repKey, representativesKey } from './keys.ts';

/**
 * What other features may ask of the knowledge platform. Membership calls `firstRepresentative` when
 * it accepts a city: the application's contact person becomes the city's first representative, in the
 * same transaction as the acceptance.
 */
export interface AcceptedCity {
  readonly id: string;
  readonly city: { readonly name: string; readonly country: string; readonly region: string };
  readonly contact: { readonly name: string; readonly email: string };
}

/** The representative as a city's list and the person's own lookup item hold it. */
export const repItem = (
  cityId: string,
  city: AcceptedCity['city'],
  rep: { name: string; email: string; language?: string },
) => ({
  ...repKey(rep.email, cityId),
  cityId,
  cityName: city.name,
  country: city.country,
  region: city.region,
  name: rep.name,
  email: rep.email,
  ...(rep.language ? { language: rep.language } : {}),
});

export const knowledge = {
  /** The writes that make the contact person of a city just accepted its first representative. */
  firstRepresentative(app: AcceptedCity, at: string): TransactItem[] {
    const rep = { name: app.contact.name, email: app.contact.email.toLowerCase() };
    return [
      {
        Put: {
          TableName: tableName,
          Item: {
            ...representativesKey(app.id),
            cityId: app.id,
            representatives: [rep],
            version: 1,
            updatedAt: at,
            updatedBy: 'acceptance',
          },
        },
      },
      { Put: { TableName: tableName, Item: repItem(app.id, app.city, rep) } },
    ];
  },
};
