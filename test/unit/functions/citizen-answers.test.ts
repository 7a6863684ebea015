import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { html } from '../../../functions/emails/html.ts';
import type { HttpEvent } from '../../../functions/shared/http.ts';
import { translator } from '../../../functions/shared/i18n.ts';
import { answers } from '../../../functions/web/citizen/answer-messages.ts';
import {
  closedConfirmation,
  feedbackPage,
  notWaiting,
  removalPage,
  reopenedConfirmation,
} from '../../../functions/web/citizen/answer-views.ts';
import { citizen } from '../../../functions/web/citizen/messages.ts';
import type { PublicRequest } from '../../../functions/web/citizen/timeline.ts';

const t = translator('en', citizen, answers);
const TOKEN = 'aB3_dE6-gH9iJ2kL5mN8oP1qR4sT7uV0wX3yZ6aB9cD';

const resolved = (overrides: Partial<PublicRequest> = {}): PublicRequest => ({
  id: 'K7QW2M9XH4TB',
  cityId: 'city-1',
  cityName: 'Seoul',
  service: 'pothole',
  serviceName: 'Potholes',
  district: 'Jongno',
  description: 'A deep hole.',
  status: 'resolved',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-03T10:00:00.000Z',
  expectedAt: '2026-11-05T10:00:00.000Z',
  overdue: false,
  assignedTo: { name: 'Kim Minjun', title: 'Head of Roads' },
  updates: [],
  timeline: [
    { at: '2026-11-01T10:00:00.000Z', event: 'submitted' },
    { at: '2026-11-03T10:00:00.000Z', event: 'resolved', note: '<b>Filled</b> & rolled' },
  ],
  ...overrides,
});

const hrefsOf = (body: string) => [...body.matchAll(/(?:href|action|src)="([^"]*)"/g)].map((m) => m[1]);

describe('"is it fixed?"', () => {
  it('carries the token in its hidden field only: not in the form’s address, not in any link', () => {
    const body = feedbackPage(t, resolved(), { token: TOKEN }).body.value;
    expect(body).toContain(`<input type="hidden" name="token" value="${TOKEN}">`);
    expect(body.split(TOKEN)).toHaveLength(2);
    expect(body).toContain('action="/en/requests/K7QW2M9XH4TB/feedback"');
    expect(hrefsOf(body).filter((h) => h?.includes(TOKEN))).toEqual([]);
  });

  it('shows the resolution in short, the city’s note escaped, and both answers with the optional note', () => {
    const page = feedbackPage(t, resolved(), { token: TOKEN });
    const body = page.body.value;
    expect(page.title).toBe('Is it fixed?');
    expect(page.scripts).toEqual(['answer']);
    expect(body).toContain('&lt;b&gt;Filled&lt;/b&gt; &amp; rolled');
    expect(body).not.toContain('<b>Filled</b>');
    expect(body).toContain('November 3, 2026');
    expect(body).toContain('value="yes"');
    expect(body).toContain('value="no"');
    expect(body).toContain('maxlength="2000"');
    expect(page.hasErrors).toBe(false);
  });

  it('keeps what was chosen and typed when it asks again, with each error in the summary', () => {
    const page = feedbackPage(t, resolved(), {
      token: TOKEN,
      answer: 'no',
      note: 'Still <there>',
      errors: ['noteTooLong'],
    });
    const body = page.body.value;
    expect(page.hasErrors).toBe(true);
    expect(body).toContain('<a href="#note">What is still wrong must be 2,000 characters or fewer</a>');
    expect(body).toMatch(/value="no" checked/);
    expect(body).toContain('>Still &lt;there&gt;</textarea>');
    const none = feedbackPage(t, resolved(), { token: TOKEN, errors: ['answer'] }).body.value;
    expect(none).toContain('<a href="#answer">Select whether the problem is fixed</a>');
  });

  it('confirms each answer: closed with thanks, or back with the named official by a new date', () => {
    expect(closedConfirmation(t, resolved({ status: 'closed' })).body.value).toContain(
      'You said the problem is fixed, so report K7QW2M9XH4TB is now closed.',
    );
    const reopened = reopenedConfirmation(t, resolved({ status: 'assigned' }), true).body.value;
    expect(reopened).toContain('sent back to the official in charge: Head of Roads.');
    expect(reopened).toContain('The official has your note');
    expect(reopened).toContain('November 5, 2026');
    const withoutNote = reopenedConfirmation(t, resolved({ status: 'assigned' }), false).body.value;
    expect(withoutNote).not.toContain('The official has your note');
  });

  it('says plainly why a request is not waiting for an answer', () => {
    expect(notWaiting(t, resolved({ status: 'closed' })).title).toBe('This report is closed');
    const reopened = resolved({
      status: 'assigned',
      timeline: [...resolved().timeline, { at: '2026-11-04T09:00:00.000Z', event: 'reopened' }],
    });
    const again = notWaiting(t, reopened);
    expect(again.title).toBe('This report has already been reopened');
    expect(again.body.value).toContain('On November 4, 2026');
    const working = notWaiting(t, resolved({ status: 'in_progress', timeline: [] }));
    expect(working.title).toBe('This report is not waiting for your answer');
    expect(working.body.value).toContain('its status is “In progress”');
  });
});

describe('"remove my contact details"', () => {
  it('names what goes and what stays, and carries the token in its hidden field only', () => {
    const page = removalPage(t, resolved(), TOKEN);
    const body = page.body.value;
    for (const said of ['your name', 'your email address', 'your phone number', 'What stays'])
      expect(body).toContain(said);
    expect(body).toContain('action="/en/requests/K7QW2M9XH4TB/contact"');
    expect(body.split(TOKEN)).toHaveLength(2);
    expect(hrefsOf(body).filter((h) => h?.includes(TOKEN))).toEqual([]);
    expect(page.hasErrors).toBe(false);
    const failed = removalPage(t, resolved(), TOKEN, t('removal.failed'));
    expect(failed.hasErrors).toBe(true);
    expect(failed.body.value).toContain('<a href="#remove">');
  });
});

describe('the page router', () => {
  const event = (rawPath: string, rawQueryString = ''): HttpEvent =>
    ({
      rawPath,
      rawQueryString,
      headers: {},
      requestContext: { http: { method: 'GET' } },
    }) as unknown as HttpEvent;
  const context = { functionName: 'web', awsRequestId: 'r1' } as Context;

  it('answers a route whose address carries a secret with the origin alone as Referer, errors included, and never logs it', async () => {
    await import('../support/web-env.ts');
    const { pagesHandler } = await import('../../../functions/web/server.ts');
    const { logger } = await import('../../../functions/shared/logger.ts');
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const page = { title: 'A page', body: html`<h1>A page</h1>` };
    const handler = pagesHandler([
      { method: 'GET', path: '/open', handle: async () => ({ page }) },
      { method: 'GET', path: '/secret', secretAddress: true, handle: async () => ({ page }) },
      {
        method: 'GET',
        path: '/secret/broken',
        secretAddress: true,
        handle: async () => {
          throw new Error('the API is down');
        },
      },
    ]);
    const policy = async (path: string) => {
      const res = await handler(event(path, `token=${TOKEN}`), context);
      return { status: res.statusCode, policy: res.headers?.['referrer-policy'] };
    };
    expect(await policy('/site/en/open')).toEqual({ status: 200, policy: 'strict-origin-when-cross-origin' });
    expect(await policy('/site/en/secret')).toEqual({ status: 200, policy: 'strict-origin' });
    expect(await policy('/site/en/secret/broken')).toEqual({ status: 500, policy: 'strict-origin' });
    // The failure is logged without the address it was asked at.
    expect(logged).toHaveBeenCalledOnce();
    expect(JSON.stringify(logged.mock.calls)).not.toContain(TOKEN);
  });
});
