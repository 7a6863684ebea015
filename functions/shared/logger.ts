import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * One logger per function, at module scope. Never log events, bodies or contact data: log ids,
 * statuses and error names. The service name comes from POWERTOOLS_SERVICE_NAME.
 */
export const logger = new Logger();

/** The middy middleware that puts the invocation's request id, function and cold start on every line. */
export const withLambdaContext = () => injectLambdaContext(logger, { resetKeys: true });

/** An event handler (stream, schedule, workflow step) whose log lines carry the invocation's context. */
export const eventHandler = <E, R>(fn: (event: E, context: Context) => Promise<R>) =>
  middy<E, R, Error, Context>().use(withLambdaContext()).handler(fn);
