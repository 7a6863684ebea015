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
