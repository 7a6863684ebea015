/**
 * The world regions WeGO organizes its members by: the application form's `city.region`, the member
 * directory's filter, the regional offices' areas and the Secretariat's region scopes. No AWS, no zod:
 * CDK code, the caller's claims and the features read it alike.
 */
export const REGIONS = ['asia', 'europe', 'africa', 'americas', 'middle-east', 'oceania'] as const;
export type Region = (typeof REGIONS)[number];

export const isRegion = (value: string): value is Region => (REGIONS as readonly string[]).includes(value);

/**
 * The Cognito group that gives a person a region scope: `region-europe`. Secretariat staff of a
 * regional office carry the role group (`secretariat`) and their region's group; lists put their
 * region first.
 */
export const REGION_GROUP_PREFIX = 'region-';
export const regionGroup = (region: Region) => `${REGION_GROUP_PREFIX}${region}`;

/** The regions named by a token's groups (`region-europe` → `europe`); unknown ones are ignored. */
export const regionsOfGroups = (groups: readonly string[]): Region[] =>
  groups
    .filter((g) => g.startsWith(REGION_GROUP_PREFIX))
    .map((g) => g.slice(REGION_GROUP_PREFIX.length))
    .filter(isRegion);
