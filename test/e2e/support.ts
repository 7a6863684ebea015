import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ROLES } from '../../functions/shared/route.ts';
import { signLocalToken } from '../../lib/local/auth.ts';
import { paths } from '../../lib/local/cloud.ts';
import { LOCAL_CREDENTIALS } from '../../lib/local/dynamodb.ts';
import { LOCAL_REGION, loadTemplate, TemplateReader } from '../../lib/local/template.ts';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through vitest's e2e project`);
  return value;
};

export const apiUrl = () => need('E2E_API_URL');
export const inboxUrl = () => need('E2E_INBOX_URL');
export const stateDir = () => need('E2E_STATE_DIR');

export function template(): TemplateReader {
  const p = paths(stateDir());
  return new TemplateReader(loadTemplate(p.cdkOut), p.cdkOut);
}

export function tableName(): string {
  const name = template().tables()[0]?.name;
  if (!name) throw new Error('the template has no table');
  return name;
}

export const db = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: need('E2E_DYNAMODB_ENDPOINT'),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );

export function issuer() {
  const jwt = template()
    .routes()
    .find((r) => r.jwt)?.jwt;
  if (!jwt) throw new Error('no JWT route');
  return { issuer: jwt.issuer, audience: jwt.audience[0] ?? '' };
}

export type Role = (typeof ROLES)[number];

export const tokenFor = (role: Role, email = `${role}@wego.example`, expiresIn = '1h') =>
  signLocalToken(paths(stateDir()).keyFile, issuer(), { email, groups: [role], expiresIn });

export interface CallOptions {
  method?: string;
  token?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export async function call(path: string, o: CallOptions = {}) {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body = o.body;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${apiUrl()}${path}`, { method: o.method ?? 'GET', headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read response fields freely and assert on them
  return { status: res.status, headers: res.headers, body: parsed as any, text };
}

export interface InboxEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Polls the SES inbox until an email matches, or fails after `timeoutMs`. */
export async function waitForEmail(
  match: (e: InboxEmail) => boolean,
  timeoutMs = 15_000,
): Promise<InboxEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const store = (await (await fetch(`${inboxUrl()}/store`)).json()) as { emails: InboxEmail[] };
    const hit = store.emails.find(match);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no matching email arrived within ${timeoutMs} ms`);
}

export async function inbox(): Promise<InboxEmail[]> {
  return ((await (await fetch(`${inboxUrl()}/store`)).json()) as { emails: InboxEmail[] }).emails;
}
