import { secretariatEmail } from '../../shared/config.ts';
import { logger } from '../../shared/logger.ts';
import { overdueRequestEmail } from '../emails.ts';
import { requestUrl } from '../links.ts';
import { escalateOverdue } from '../requests.ts';

const secretariat = secretariatEmail();

/** Runs on a schedule: open requests past their expected time are marked overdue and the Secretariat emailed once. */
export async function handler(): Promise<{ escalated: number }> {
  const escalated = await escalateOverdue((request) =>
    overdueRequestEmail(secretariat, request, requestUrl(request.id)),
  );
  if (escalated > 0) logger.info('Overdue requests escalated', { escalated });
  return { escalated };
}
