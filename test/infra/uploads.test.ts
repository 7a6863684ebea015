import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataExportNames } from '../../lib/data-stack.ts';
import { type CfnResource, logicalIdOf, resourcesOf, type Synthesized, synthesize } from './support/synth.ts';

/**
 * The uploads bucket (stateful stack), the CDN behaviour that serves its checked media (stateless
 * stack), and what the functions learn of it.
 */
let prod: Synthesized;
let dev: Synthesized;

beforeAll(() => {
  prod = synthesize({ stage: 'prod' });
  dev = synthesize({ stage: 'dev' });
});

afterAll(() => {
  prod?.dispose();
  dev?.dispose();
});

const dataResources = (s: Synthesized) => s.dataTemplate.toJSON().Resources as Record<string, CfnResource>;
const bucketOf = (s: Synthesized) => dataResources(s)[logicalIdOf(s.data.uploads.bucket)] as CfnResource;

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const policyOf = (s: Synthesized, bucketId: string): Statement[] =>
  Object.values(resourcesOf(s.dataTemplate, 'AWS::S3::BucketPolicy'))
    .filter((p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }))
    .flatMap((p) => ((p.Properties?.PolicyDocument ?? {}) as { Statement?: Statement[] }).Statement ?? []);

describe('the uploads bucket', () => {
  it('is private, encrypted, TLS only and access logged', () => {
    // Prepare
    const props = bucketOf(prod).Properties ?? {};
    const bucketId = logicalIdOf(prod.data.uploads.bucket);

    // Assess
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(props.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalIdOf(prod.data.uploads.logs) },
      LogFilePrefix: 'uploads/',
    });
    expect(policyOf(prod, bucketId)).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('forgets unclaimed uploads under incoming/ after a day, and nothing else', () => {
    const rules =
      ((bucketOf(prod).Properties?.LifecycleConfiguration ?? {}) as { Rules?: Record<string, unknown>[] })
        .Rules ?? [];
    expect(rules).toContainEqual(
      expect.objectContaining({
        Id: 'unclaimed-uploads',
        Prefix: 'incoming/',
        ExpirationInDays: 1,
        Status: 'Enabled',
      }),
    );
    expect(rules.filter((r) => r.ExpirationInDays !== undefined)).toHaveLength(1);
  });

  it('lets the site alone post files from a browser script (CORS)', () => {
    expect(bucketOf(prod).Properties?.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedOrigins: ['https://wego.example'],
          AllowedMethods: ['POST'],
          AllowedHeaders: ['*'],
          ExposedHeaders: ['ETag', 'Location'],
          MaxAge: 3600,
        },
      ],
    });
  });

  it('lets CloudFront of this account read media/* and nothing else', () => {
    // Act
    const bucketId = logicalIdOf(prod.data.uploads.bucket);
    const allows = policyOf(prod, bucketId).filter((s) => s.Effect === 'Allow');

    // Assess
    expect(allows).toEqual([
      {
        Sid: 'CloudFrontReadsCheckedMedia',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/media/*']] },
        Condition: {
          StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/*',
                ],
              ],
            },
          },
        },
      },
    ]);
  });

  it('is retained on a prod stage and may go with its files on a dev stage', () => {
    for (const bucket of [
      bucketOf(prod),
      dataResources(prod)[logicalIdOf(prod.data.uploads.logs)] as CfnResource,
    ]) {
      expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    expect(bucketOf(dev)).toMatchObject({ DeletionPolicy: 'Delete' });
  });

  it('is exported to the stateless stack by name', () => {
    const exported = Object.values(
      prod.dataTemplate.toJSON().Outputs as Record<string, { Value: unknown; Export: { Name: string } }>,
    ).find((o) => o.Export.Name === dataExportNames('prod').uploadsBucketName);
    expect(exported?.Value).toEqual({ Ref: logicalIdOf(prod.data.uploads.bucket) });
  });
});

describe('the site serves checked media', () => {
  const imported = { 'Fn::ImportValue': dataExportNames('prod').uploadsBucketName };
  const regionalDomain = {
    'Fn::Join': ['', [imported, '.s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
  };

  it('at /media/* from the uploads bucket, through origin access control, read only', () => {
    // Prepare
    const [distribution] = Object.values(resourcesOf(prod.template, 'AWS::CloudFront::Distribution'));
    const config = distribution?.Properties?.DistributionConfig as {
      CacheBehaviors: Record<string, unknown>[];
      Origins: Record<string, unknown>[];
    };

    // Act
    const media = config.CacheBehaviors.find((b) => b.PathPattern === '/media/*');
    const origin = config.Origins.find((o) => o.Id === media?.TargetOriginId);

    // Assess
    expect(media?.ViewerProtocolPolicy).toBe('redirect-to-https');
    // CloudFront's default when none is set: GET and HEAD only.
    expect(media).not.toHaveProperty('AllowedMethods');
    expect(origin?.DomainName).toEqual(regionalDomain);
    expect(origin?.OriginAccessControlId).toBeDefined();
    expect(origin?.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    const oac = Object.values(resourcesOf(prod.template, 'AWS::CloudFront::OriginAccessControl')).map(
      (r) => r.Properties?.OriginAccessControlConfig,
    );
    expect(oac).toContainEqual(
      expect.objectContaining({ SigningBehavior: 'always', OriginAccessControlOriginType: 's3' }),
    );
  });

  it('with headers that let an uploaded file run nothing', () => {
    const [distribution] = Object.values(resourcesOf(prod.template, 'AWS::CloudFront::Distribution'));
    const config = (distribution?.Properties?.DistributionConfig ?? {}) as {
      CacheBehaviors?: Record<string, unknown>[];
    };
    const media = config.CacheBehaviors?.find((b) => b.PathPattern === '/media/*');
    const policyId = ((media?.ResponseHeadersPolicyId ?? {}) as { Ref?: string }).Ref ?? '';
    const policy = (resourcesOf(prod.template, 'AWS::CloudFront::ResponseHeadersPolicy')[policyId]?.Properties
      ?.ResponseHeadersPolicyConfig ?? {}) as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
    expect(policy.SecurityHeadersConfig.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy: "default-src 'none'; sandbox",
      Override: true,
    });
    expect(policy.SecurityHeadersConfig.ContentTypeOptions).toEqual({ Override: true });
  });

  it('and the pages may post files to the bucket origin the presigned POSTs name', () => {
    const web = prod.stack.api.functions.get('web');
    if (!web) throw new Error('no web function');
    const environment = (resourcesOf(prod.template, 'AWS::Lambda::Function')[logicalIdOf(web.fn)]?.Properties
      ?.Environment ?? {}) as { Variables?: Record<string, unknown> };
    const variables = environment.Variables ?? {};
    expect(variables.UPLOADS_ORIGIN).toEqual({
      'Fn::Join': [
        '',
        ['https://', imported, '.s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }],
      ],
    });
  });
});
