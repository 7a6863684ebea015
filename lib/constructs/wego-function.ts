import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface WegoFunctionProps {
  /** Path of the handler module, relative to the repository root (e.g. functions/health/handler.ts). */
  readonly entry: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  /** Defaults to 512 MB: more memory is more CPU, which shortens cold starts. */
  readonly memorySize?: number;
  /** Defaults to 10 s (the HTTP API integration limit is 30 s). */
  readonly timeout?: Duration;
  readonly logRemovalPolicy: RemovalPolicy;
}

const RESERVED_ENV = /^(AWS_|NODE_OPTIONS$|POWERTOOLS_|LAMBDA_)/;

/**
 * The one way to make a Lambda function here: Node.js 24 on ARM64, X-Ray tracing, a log group with
 * retention, and an esbuild ESM bundle that includes the AWS SDK (pinned, and faster to load than
 * the runtime's copy). Only the props above can be set, so no caller changes the defaults.
 * The role has no managed policies: it may write to its own log group and X-Ray, and whatever the
 * stack grants it.
 */
export class WegoFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: WegoFunctionProps) {
    super(scope, id);
    const reserved = Object.keys(props.environment ?? {}).filter((k) => RESERVED_ENV.test(k));
    if (reserved.length > 0) throw new Error(`${id}: environment may not set ${reserved.join(', ')}`);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.description}`,
    });
    logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      role,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: `wego-${id}`,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: 'WeGO',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        keepNames: true,
        sourceMap: false,
        mainFields: ['module', 'main'],
        externalModules: [],
        // Some CommonJS dependencies call require(); give the ESM bundle one.
        banner: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);",
      },
    });
  }
}
