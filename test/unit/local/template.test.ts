import { describe, expect, it } from 'vitest';
import { type Template, TemplateReader } from '../../../lib/local/template.ts';

const template: Template = {
  Resources: {
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      },
    },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Handler: 'index.handler',
        Timeout: 10,
        MemorySize: 512,
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: 'Table' },
            URL: { 'Fn::Join': ['', ['https://', { Ref: 'AWS::Region' }]] },
          },
        },
      },
      Metadata: { 'aws:asset:path': 'asset.abc' },
    },
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Client: { Type: 'AWS::Cognito::UserPoolClient' },
    Authorizer: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        JwtConfiguration: {
          Audience: [{ Ref: 'Client' }],
          Issuer: {
            'Fn::Join': [
              '',
              ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'Pool' }],
            ],
          },
        },
      },
    },
    Integration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
    },
    PublicRoute: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        RouteKey: 'GET /health',
        AuthorizationType: 'NONE',
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
      },
    },
    PrivateRoute: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        RouteKey: 'PUT /committee',
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: 'Authorizer' },
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
      },
    },
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
        FunctionName: { Ref: 'Fn' },
        BatchSize: 10,
        MaximumRetryAttempts: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
      },
    },
  },
};

const reader = new TemplateReader(template, '/out');

describe('reading the synthesized template', () => {
  it('gives each function its bundle, handler and resolved environment', () => {
    expect(reader.functions()).toEqual([
      {
        id: 'Fn',
        bundleFile: '/out/asset.abc/index.mjs',
        handlerExport: 'handler',
        environment: { TABLE_NAME: 'Table', URL: 'https://us-east-1' },
        timeoutSeconds: 10,
        memoryMb: 512,
      },
    ]);
  });

  it('links routes to their function and keeps the JWT authorizer of protected ones', () => {
    const routes = reader.routes();
    expect(routes.find((r) => r.path === '/health')).toEqual({
      method: 'GET',
      path: '/health',
      functionId: 'Fn',
    });
    expect(routes.find((r) => r.path === '/committee')?.jwt).toEqual({
      issuer: 'https://cognito-idp.us-east-1.amazonaws.com/Pool',
      audience: ['Client'],
    });
  });

  it('reads stream mappings with their retry settings and filters', () => {
    expect(reader.streamMappings()[0]).toMatchObject({
      functionId: 'Fn',
      tableName: 'Table',
      batchSize: 10,
      maximumRetryAttempts: 5,
      reportBatchItemFailures: true,
      filterPatterns: [{ eventName: ['INSERT'] }],
    });
  });

  it('fails loudly on a reference to a resource the template does not have', () => {
    expect(() => reader.resolve({ Ref: 'Missing' })).toThrow(/no resource Missing/);
  });
});

describe('reading the buckets and the media origin', () => {
  const uploads: Template = {
    Resources: {
      Uploads: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          CorsConfiguration: {
            CorsRules: [
              {
                AllowedOrigins: ['http://127.0.0.1:8080'],
                AllowedMethods: ['POST'],
                AllowedHeaders: ['*'],
                MaxAge: 3600,
              },
            ],
          },
          LifecycleConfiguration: {
            Rules: [
              { Prefix: 'incoming/', ExpirationInDays: 1, Status: 'Enabled' },
              { Prefix: 'old/', ExpirationInDays: 9, Status: 'Disabled' },
              { AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
            ],
          },
        },
      },
      UploadsPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Uploads' },
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Deny',
                Principal: { AWS: '*' },
                Action: 's3:*',
                Resource: { 'Fn::GetAtt': ['Uploads', 'Arn'] },
              },
              {
                Effect: 'Allow',
                Principal: { Service: 'cloudfront.amazonaws.com' },
                Action: 's3:GetObject',
                Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Uploads', 'Arn'] }, '/media/*']] },
              },
            ],
          },
        },
      },
      Site: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: {
          DistributionConfig: {
            Origins: [
              {
                Id: 'media',
                DomainName: {
                  'Fn::Join': ['', [{ Ref: 'Uploads' }, '.s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
                },
              },
            ],
            CacheBehaviors: [{ PathPattern: '/media/*', TargetOriginId: 'media' }],
            DefaultCacheBehavior: { TargetOriginId: 'media' },
          },
        },
      },
    },
  };
  const reader = new TemplateReader(uploads, '/cdk.out');

  it('gives each bucket its CORS rules and its enabled expirations', () => {
    expect(reader.buckets()).toEqual([
      {
        name: 'Uploads',
        cors: [
          {
            allowedOrigins: ['http://127.0.0.1:8080'],
            allowedMethods: ['POST'],
            allowedHeaders: ['*'],
            exposedHeaders: [],
            maxAge: 3600,
          },
        ],
        expirations: [{ prefix: 'incoming/', days: 1 }],
      },
    ]);
  });

  it('serves a bucket that no deployment fills from the local S3, where its policy lets CloudFront read', () => {
    expect(reader.distribution()?.behaviors[0]).toEqual({
      pathPattern: '/media/*',
      origin: { kind: 's3', bucket: 'Uploads', readable: ['media/*'] },
    });
  });
});
