import { Metrics } from '@aws-lambda-powertools/metrics';

export { MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * One Metrics per function, at module scope. The namespace comes from POWERTOOLS_METRICS_NAMESPACE and
 * the `service` dimension from POWERTOOLS_SERVICE_NAME (both set by WegoFunction). Metrics leave as
 * CloudWatch embedded-metric-format lines in the function's own log, so they need no IAM permission.
 * A handler adds its metrics and calls `metrics.publishStoredMetrics()` before it returns.
 */
export const metrics = new Metrics();
