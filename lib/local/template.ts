import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackNames } from '../config.ts';
import type { LocalBehavior, LocalDistribution, LocalHeadersPolicy, LocalOrigin } from './cloudfront.ts';
import type { LocalAppClient } from './cognito.ts';
import type { LocalBucket } from './s3.ts';

/**
 * Reads the CloudFormation template that `cdk synth` wrote, and resolves the few intrinsic functions
 * the local cloud needs. Physical names are the logical ids: there is one stack per local cloud.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
  Metadata?: Record<string, Json>;
}
export interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: Json; Export?: { Name: Json } }>;
}

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';
export const stateMachineArn = (name: string) =>
  `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;

export interface LocalFunction {
  readonly id: string;
  readonly bundleFile: string;
  readonly handlerExport: string;
  readonly environment: Record<string, string>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export interface LocalRoute {
  readonly method: string;
  readonly path: string;
  readonly functionId: string;
  readonly jwt?: { readonly issuer: string; readonly audience: readonly string[] };
}

export interface LocalTable {
  readonly name: string;
  readonly definition: Record<string, Json>;
}

export interface LocalStreamMapping {
  readonly id: string;
  readonly functionId: string;
  readonly tableName: string;
  readonly batchSize: number;
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeSeconds: number;
  readonly bisectOnError: boolean;
  readonly reportBatchItemFailures: boolean;
  readonly filterPatterns: readonly unknown[];
  readonly startingPosition: string;
}

export interface LocalCors {
  readonly allowOrigins: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly allowMethods: readonly string[];
  readonly maxAge?: number;
}

/** The local stage's two stacks: the stateful one and the stateless one that imports from it. */
export const LOCAL_STACKS = stackNames('local');

/**
 * The local stage as one template: both stacks' resources and outputs together, so an `Fn::ImportValue`
 * of the stateless stack resolves to the stateful stack's export, as CloudFormation resolves it.
 */
export function loadTemplate(cdkOutDir: string): Template {
  const read = (name: string) =>
    JSON.parse(readFileSync(join(cdkOutDir, `${name}.template.json`), 'utf8')) as Template;
  const [data, app] = [read(LOCAL_STACKS.data), read(LOCAL_STACKS.app)];
  return {
    Resources: { ...data.Resources, ...app.Resources },
    Outputs: { ...data.Outputs, ...app.Outputs },
  };
}

export class TemplateReader {
  constructor(
    private readonly template: Template,
    private readonly cdkOutDir: string,
  ) {}

  private ofType(type: string): [string, Resource][] {
    return Object.entries(this.template.Resources).filter(([, r]) => r.Type === type);
  }

  /** Resolves Ref, Fn::GetAtt, Fn::Join, Fn::Sub and pseudo parameters to local values. */
  resolve(value: Json): Json {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if ('Ref' in value) return this.ref(String(value.Ref));
    if ('Fn::ImportValue' in value) return this.importValue(String(this.resolve(value['Fn::ImportValue'])));
    if ('Fn::GetAtt' in value) {
      const [id, attr] = value['Fn::GetAtt'] as [string, string];
      return this.getAtt(id, attr);
    }
    if ('Fn::Join' in value) {
      const [sep, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map((p) => String(this.resolve(p))).join(sep);
    }
    if ('Fn::Split' in value) {
      const [sep, text] = value['Fn::Split'] as [string, Json];
      return String(this.resolve(text)).split(sep);
    }
    if ('Fn::Select' in value) {
      const [index, list] = value['Fn::Select'] as [number, Json];
      return (this.resolve(list) as Json[])[Number(index)] ?? null;
    }
    if ('Fn::Sub' in value) {
      const raw = value['Fn::Sub'];
      const text = Array.isArray(raw) ? String(raw[0]) : String(raw);
      return text.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
        String(name.includes('.') ? this.getAtt(...(name.split('.') as [string, string])) : this.ref(name)),
      );
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]));
  }

  private importValue(name: string): Json {
    const output = Object.values(this.template.Outputs ?? {}).find(
      (o) => o.Export && this.resolve(o.Export.Name) === name,
    );
    if (!output) throw new Error(`No stack exports ${name}`);
    return this.resolve(output.Value);
  }

  private ref(id: string): string {
    switch (id) {
      case 'AWS::Region':
        return LOCAL_REGION;
      case 'AWS::AccountId':
        return LOCAL_ACCOUNT;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return 'local';
      default: {
        const resource = this.template.Resources[id];
        if (!resource) throw new Error(`Template has no resource ${id}`);
        // Ref of a state machine is its ARN; of everything else used here, its name (the logical id).
        if (resource.Type === 'AWS::StepFunctions::StateMachine')
          return stateMachineArn(this.stateMachineName(id));
        return id;
      }
    }
  }

  /** The name a state machine has locally: StateMachineName when set, else its logical id. */
  stateMachineName(id: string): string {
    const name = this.template.Resources[id]?.Properties?.StateMachineName;
    return name === undefined ? id : String(this.resolve(name));
  }

  private getAtt(id: string, attr: string): string {
    const type = this.template.Resources[id]?.Type ?? 'unknown';
    const service = type.split('::')[1]?.toLowerCase() ?? 'unknown';
    if (attr === 'StreamArn')
      return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${id}/stream/local`;
    if (attr === 'Arn' && type === 'AWS::Lambda::Function') {
      return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${id}`;
    }
    if (attr === 'ApiEndpoint') return `https://${id}.execute-api.${LOCAL_REGION}.amazonaws.com`;
    if (attr === 'RegionalDomainName' || attr === 'DomainName') {
      if (type === 'AWS::S3::Bucket') return `${id}.s3.${LOCAL_REGION}.amazonaws.com`;
      if (type === 'AWS::CloudFront::Distribution') return `${id}.cloudfront.net`;
    }
    // A table's ARN is parsed for its name when another stack imports it (Fn::Split on ':' and '/').
    if (attr === 'Arn' && type === 'AWS::DynamoDB::Table') {
      return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${id}`;
    }
    return `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${id}${attr === 'Arn' ? '' : `/${attr}`}`;
  }

  /** The logical id of the resource an ARN or name (as resolved above) points to. */
  private idIn(value: Json): string {
    const text = String(this.resolve(value));
    const tokens = new Set(text.split(/[:/.]/));
    const hit = Object.keys(this.template.Resources).find((id) => tokens.has(id));
    if (!hit) throw new Error(`Cannot tell which resource ${text} is`);
    return hit;
  }

  functions(): LocalFunction[] {
    return this.ofType('AWS::Lambda::Function').map(([id, r]) => {
      const assetPath = r.Metadata?.['aws:asset:path'];
      if (typeof assetPath !== 'string') throw new Error(`Function ${id} has no bundled asset`);
      const handler = String(r.Properties?.Handler ?? 'index.handler');
      const [file, handlerExport] = handler.split('.') as [string, string];
      const env = (this.resolve(r.Properties?.Environment ?? {}) as { Variables?: Record<string, string> })
        .Variables;
      return {
        id,
        bundleFile: join(this.cdkOutDir, assetPath, `${file}.mjs`),
        handlerExport,
        environment: env ?? {},
        timeoutSeconds: Number(r.Properties?.Timeout ?? 3),
        memoryMb: Number(r.Properties?.MemorySize ?? 128),
      };
    });
  }

  routes(): LocalRoute[] {
    const authorizers = new Map(
      this.ofType('AWS::ApiGatewayV2::Authorizer').map(([id, r]) => {
        const cfg = this.resolve(r.Properties?.JwtConfiguration ?? {}) as {
          Issuer: string;
          Audience: string[];
        };
        return [id, { issuer: cfg.Issuer, audience: cfg.Audience }] as const;
      }),
    );
    return this.ofType('AWS::ApiGatewayV2::Route').map(([id, r]) => {
      const [method, path] = String(r.Properties?.RouteKey).split(' ') as [string, string];
      const integrationId = String(this.resolve(r.Properties?.Target ?? '')).replace(/^integrations\//, '');
      const integration = this.template.Resources[integrationId];
      if (!integration) throw new Error(`Route ${id} has no integration`);
      const functionId = this.idIn(integration.Properties?.IntegrationUri ?? '');
      const jwt =
        r.Properties?.AuthorizationType === 'JWT'
          ? authorizers.get(String(this.resolve(r.Properties.AuthorizerId ?? '')))
          : undefined;
      if (r.Properties?.AuthorizationType === 'JWT' && !jwt)
        throw new Error(`Route ${id} has an unknown authorizer`);
      return { method, path, functionId, ...(jwt ? { jwt } : {}) };
    });
  }

  /** The app clients of the user pool: their ids and registered sign-in and sign-out URLs. */
  appClients(): LocalAppClient[] {
    return this.ofType('AWS::Cognito::UserPoolClient').map(([id, r]) => ({
      clientId: id,
      callbackUrls: (this.resolve(r.Properties?.CallbackURLs ?? []) as string[]) ?? [],
      logoutUrls: (this.resolve(r.Properties?.LogoutURLs ?? []) as string[]) ?? [],
    }));
  }

  /** Cognito's managed login URL as the template names it (`https://<domain>.auth.<region>.amazoncognito.com`). */
  signInUrl(): string | undefined {
    const id = this.ofType('AWS::Cognito::UserPoolDomain')[0]?.[0];
    return id ? `https://${id}.auth.${LOCAL_REGION}.amazoncognito.com` : undefined;
  }

  /** The HTTP API's endpoint as the template names it (`https://<id>.execute-api...`). */
  apiEndpoint(): string {
    const id = this.ofType('AWS::ApiGatewayV2::Api')[0]?.[0];
    if (!id) throw new Error('The template has no HTTP API');
    return this.getAtt(id, 'ApiEndpoint');
  }

  /** The site's CloudFront distribution, as the local stand-in serves it (lib/local/cloudfront.ts). */
  distribution(): LocalDistribution | undefined {
    const found = this.ofType('AWS::CloudFront::Distribution')[0]?.[1];
    if (!found) return undefined;
    const config = found.Properties?.DistributionConfig as Record<string, Json>;
    const origins = new Map(
      (config.Origins as Record<string, Json>[]).map((o) => {
        const domain = String(this.resolve(o.DomainName ?? ''));
        const origin: LocalOrigin = domain.includes('.s3.')
          ? this.bucketOrigin(this.idIn(domain))
          : { kind: 'api', originPath: String(o.OriginPath ?? '') };
        return [String(o.Id), origin] as const;
      }),
    );
    const behavior = (b: Record<string, Json>): LocalBehavior => {
      const origin = origins.get(String(b.TargetOriginId));
      if (!origin) throw new Error(`No origin ${String(b.TargetOriginId)}`);
      const association = ((b.FunctionAssociations ?? []) as Record<string, Json>[]).find(
        (f) => f.EventType === 'viewer-request',
      );
      const code = association
        ? this.template.Resources[this.idIn(association.FunctionARN ?? '')]?.Properties?.FunctionCode
        : undefined;
      const policy = b.ResponseHeadersPolicyId
        ? this.headersPolicy(this.idIn(b.ResponseHeadersPolicyId))
        : undefined;
      return {
        ...(typeof b.PathPattern === 'string' ? { pathPattern: b.PathPattern } : {}),
        origin,
        ...(typeof code === 'string' ? { viewerRequest: code } : {}),
        ...(policy ? { headers: policy } : {}),
      };
    };
    return {
      behaviors: [
        ...((config.CacheBehaviors ?? []) as Record<string, Json>[]).map(behavior),
        behavior(config.DefaultCacheBehavior as Record<string, Json>),
      ],
    };
  }

  /**
   * A bucket origin: one that BucketDeployment resources fill (the site's assets) serves their asset
   * folders; any other (uploads) is read from the local S3, only where its bucket policy lets
   * CloudFront read.
   */
  private bucketOrigin(bucketId: string): LocalOrigin {
    const files = this.bucketFiles(bucketId);
    if (files.length > 0) return { kind: 'bucket', files };
    return { kind: 's3', bucket: bucketId, readable: this.cloudFrontReadable(bucketId) };
  }

  /** The key patterns (`media/*`) the bucket's policy lets CloudFront get. */
  private cloudFrontReadable(bucketId: string): string[] {
    return this.ofType('AWS::S3::BucketPolicy')
      .filter(([, r]) => this.resolve(r.Properties?.Bucket ?? '') === bucketId)
      .flatMap(
        ([, r]) => (r.Properties?.PolicyDocument as { Statement?: Record<string, Json>[] })?.Statement ?? [],
      )
      .filter((st) => {
        const service = (st.Principal as { Service?: Json } | undefined)?.Service;
        const actions = [st.Action].flat();
        return (
          st.Effect === 'Allow' && service === 'cloudfront.amazonaws.com' && actions.includes('s3:GetObject')
        );
      })
      .flatMap((st) => [this.resolve(st.Resource ?? [])].flat().map(String))
      .flatMap((arn) => {
        const at = arn.indexOf(`${bucketId}/`);
        return at < 0 ? [] : [arn.slice(at + bucketId.length + 1)];
      });
  }

  /** Every bucket of the template, for the local S3: its CORS rules and lifecycle expirations. */
  buckets(): LocalBucket[] {
    return this.ofType('AWS::S3::Bucket').map(([id, r]) => {
      const props = this.resolve(r.Properties ?? {}) as Record<string, Json>;
      const cors = ((props.CorsConfiguration as Record<string, Json> | undefined)?.CorsRules ?? []) as Record<
        string,
        Json
      >[];
      const rules = ((props.LifecycleConfiguration as Record<string, Json> | undefined)?.Rules ??
        []) as Record<string, Json>[];
      return {
        name: id,
        cors: cors.map((c) => ({
          allowedOrigins: (c.AllowedOrigins ?? []) as string[],
          allowedMethods: (c.AllowedMethods ?? []) as string[],
          allowedHeaders: (c.AllowedHeaders ?? []) as string[],
          exposedHeaders: (c.ExposedHeaders ?? []) as string[],
          ...(typeof c.MaxAge === 'number' ? { maxAge: c.MaxAge } : {}),
        })),
        expirations: rules
          .filter((rule) => rule.Status === 'Enabled' && typeof rule.ExpirationInDays === 'number')
          .map((rule) => ({
            prefix: String(rule.Prefix ?? (rule.Filter as { Prefix?: Json } | undefined)?.Prefix ?? ''),
            days: Number(rule.ExpirationInDays),
          })),
      };
    });
  }

  /** What BucketDeployment resources put in a bucket: each source asset's folder under its key prefix. */
  private bucketFiles(bucketId: string) {
    return this.ofType('Custom::CDKBucketDeployment')
      .filter(([, r]) => this.resolve(r.Properties?.DestinationBucketName ?? '') === bucketId)
      .flatMap(([, r]) =>
        ((r.Properties?.SourceObjectKeys ?? []) as string[]).map((key) => ({
          prefix: String(r.Properties?.DestinationBucketKeyPrefix ?? ''),
          dir: join(this.cdkOutDir, `asset.${key.replace(/\.zip$/, '')}`),
        })),
      );
  }

  private headersPolicy(id: string): LocalHeadersPolicy {
    const config = this.template.Resources[id]?.Properties?.ResponseHeadersPolicyConfig as Record<
      string,
      Json
    >;
    const security = (config?.SecurityHeadersConfig ?? {}) as Record<string, Record<string, Json>>;
    const headers: { name: string; value: string; override: boolean }[] = [];
    const add = (name: string, value: string, override: Json | undefined) =>
      headers.push({ name, value, override: override === true });
    if (security.ContentSecurityPolicy) {
      add(
        'content-security-policy',
        String(security.ContentSecurityPolicy.ContentSecurityPolicy),
        security.ContentSecurityPolicy.Override,
      );
    }
    if (security.ContentTypeOptions)
      add('x-content-type-options', 'nosniff', security.ContentTypeOptions.Override);
    if (security.FrameOptions)
      add('x-frame-options', String(security.FrameOptions.FrameOption), security.FrameOptions.Override);
    if (security.ReferrerPolicy)
      add(
        'referrer-policy',
        String(security.ReferrerPolicy.ReferrerPolicy),
        security.ReferrerPolicy.Override,
      );
    if (security.StrictTransportSecurity) {
      const hsts = security.StrictTransportSecurity;
      add(
        'strict-transport-security',
        `max-age=${String(hsts.AccessControlMaxAgeSec)}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}`,
        hsts.Override,
      );
    }
    for (const h of ((config?.CustomHeadersConfig as Record<string, Json> | undefined)?.Items ??
      []) as Record<string, Json>[]) {
      add(String(h.Header).toLowerCase(), String(h.Value), h.Override);
    }
    return { headers };
  }

  cors(): LocalCors | undefined {
    const api = this.ofType('AWS::ApiGatewayV2::Api')[0]?.[1];
    const cors = api?.Properties?.CorsConfiguration as Record<string, Json> | undefined;
    if (!cors) return undefined;
    return {
      allowOrigins: (cors.AllowOrigins as string[]) ?? [],
      allowHeaders: (cors.AllowHeaders as string[]) ?? [],
      allowMethods: (cors.AllowMethods as string[]) ?? [],
      ...(typeof cors.MaxAge === 'number' ? { maxAge: cors.MaxAge } : {}),
    };
  }

  tables(): LocalTable[] {
    return this.ofType('AWS::DynamoDB::Table').map(([id, r]) => ({
      name: id,
      definition: this.resolve(r.Properties ?? {}) as Record<string, Json>,
    }));
  }

  streamMappings(): LocalStreamMapping[] {
    return this.ofType('AWS::Lambda::EventSourceMapping')
      .filter(([, r]) => String(this.resolve(r.Properties?.EventSourceArn ?? '')).includes('/stream/'))
      .map(([id, r]) => {
        const p = r.Properties ?? {};
        const filters = (
          (p.FilterCriteria as { Filters?: { Pattern: string }[] } | undefined)?.Filters ?? []
        ).map((f) => JSON.parse(f.Pattern));
        return {
          id,
          functionId: this.idIn(p.FunctionName ?? ''),
          tableName: this.idIn(p.EventSourceArn ?? ''),
          batchSize: Number(p.BatchSize ?? 100),
          maximumRetryAttempts: Number(p.MaximumRetryAttempts ?? -1),
          maximumRecordAgeSeconds: Number(p.MaximumRecordAgeInSeconds ?? -1),
          bisectOnError: p.BisectBatchOnFunctionError === true,
          reportBatchItemFailures: ((p.FunctionResponseTypes as string[] | undefined) ?? []).includes(
            'ReportBatchItemFailures',
          ),
          filterPatterns: filters,
          startingPosition: String(p.StartingPosition ?? 'LATEST'),
        };
      });
  }
}
