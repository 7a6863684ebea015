import { secretariatEmail } from '../shared/config.ts';
import { requireEnv } from '../shared/env.ts';
import { eventHandler, logger } from '../shared/logger.ts';
import { overdueRequestEmail } from './emails.ts';
import { escalateOverdue, removeExpiredContacts } from './housekeeping.ts';
import { officialRequestUrl } from './links.ts';

const secretariat = secretariatEmail();
const retentionMs = Number(requireEnv('CONTACT_RETENTION_SECONDS')) * 1000;

/**
 * Runs on a schedule: open requests past their expected time are marked overdue and the Secretariat
 * emailed once; closed requests past the retention period lose the citizen's contact details.
 */
export const handler = eventHandler(async (): Promise<{ escalated: number; contactsRemoved: number }> => {
  const now = new Date();
  const escalated = await escalateOverdue(
    (request) => overdueRequestEmail(secretariat, request, officialRequestUrl('en', request.id)),
    now,
  );
  const contactsRemoved = await removeExpiredContacts(new Date(now.getTime() - retentionMs), now);
  if (escalated > 0) logger.info('Overdue requests escalated', { escalated });
  if (contactsRemoved > 0) logger.info('Contacts removed after the retention period', { contactsRemoved });
  return { escalated, contactsRemoved };
});
