import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger per function, at module scope. Never log events, bodies or contact data: log ids,
 * statuses and error names. The service name comes from POWERTOOLS_SERVICE_NAME.
 */
export const logger = new Logger();
