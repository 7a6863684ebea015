import { Annotations, DockerImage, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { LANGUAGES } from '../../functions/shared/i18n.ts';
import { assetsVersion, buildSiteAssets, SITE_SOURCES } from '../../site/build.ts';

export interface SiteProps {
  readonly stage: string;
  readonly ephemeral: boolean;
  /** The HTTP API: the JSON API under /api, the ballot pages, and the web feature's pages under /site. */
  readonly api: apigw.IHttpApi;
  /** The uploads bucket (stateful stack): `/media/*` serves its checked public media. */
  readonly media: s3.IBucket;
  /** The policy of answers that carry none of their own (pages and ballots set theirs). */
  readonly contentSecurityPolicy: string;
}

/** Where the HTTP API serves the web feature's pages; CloudFront prefixes every page request with it. */
const PAGES_PREFIX = '/site';

/**
 * The web app's one origin: CloudFront in front of the static assets (S3, one folder per build so they
 * cache forever), the JSON API (under `/api`, the prefix removed before it reaches API Gateway), the
 * ballot pages, and every other path: the pages, rendered by the web feature's function. One origin
 * means no CORS for the site; security headers and a CSP without 'unsafe-inline' on every answer.
 */
export class Site extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly logs: s3.Bucket;
  readonly assetsVersion: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const removal = props.ephemeral
      ? { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true }
      : { removalPolicy: RemovalPolicy.RETAIN };

    this.logs = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with bucket ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      ...removal,
    });
    this.bucket = new s3.Bucket(this, 'Assets', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'assets-access/',
      ...removal,
    });

    this.assetsVersion = assetsVersion();
    new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      destinationKeyPrefix: `assets/${this.assetsVersion}/`,
      // Built at synth by site/build.ts, as NodejsFunction bundles functions.
      sources: [
        s3deploy.Source.asset(SITE_SOURCES, {
          assetHash: this.assetsVersion,
          bundling: {
            // Never pulled: the local bundling below always succeeds, as NodejsFunction's esbuild does.
            image: DockerImage.fromRegistry('wego-site-build-runs-locally'),
            local: {
              tryBundle: (outputDir) => {
                buildSiteAssets(outputDir);
                return true;
              },
            },
          },
        }),
      ],
      // Older builds stay for pages still cached with their links; a new build is a new folder.
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      memoryLimit: 512,
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    const apiOrigin = new origins.HttpOrigin(apiDomain, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    });
    const pagesOrigin = new origins.HttpOrigin(apiDomain, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originPath: PAGES_PREFIX,
    });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: `WeGO ${props.stage}: security headers of every answer`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy, override: false },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        // Not overridden: a page whose address carries an emailed token (a ballot, "is it fixed?")
        // answers a stricter policy of its own, which must reach the browser.
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: false,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'geolocation=(self), camera=(), microphone=()',
            override: true,
          },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });
    // Uploaded files are checked images and PDFs; should one ever be opened as a document, it runs nothing.
    const mediaHeaders = new cloudfront.ResponseHeadersPolicy(this, 'MediaHeaders', {
      comment: `WeGO ${props.stage}: headers of uploaded media`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; sandbox", override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
    });
    const stripApiPrefix = new cloudfront.Function(this, 'StripApiPrefix', {
      comment: 'The JSON API is under /api on the site; API Gateway serves it at its root',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(STRIP_API_PREFIX),
    });
    const rootToLanguage = new cloudfront.Function(this, 'RootToLanguage', {
      comment: "The site root goes to the home page in the visitor's language",
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(ROOT_TO_LANGUAGE),
    });
    const dynamic = {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `WeGO ${props.stage}: pages, assets and API on one origin`,
      defaultBehavior: {
        origin: pagesOrigin,
        ...dynamic,
        functionAssociations: [
          { function: rootToLanguage, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: apiOrigin,
          ...dynamic,
          functionAssociations: [
            { function: stripApiPrefix, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
          ],
        },
        // The emailed ballot links: the approvals feature renders those pages itself.
        '/ballots/*': { origin: apiOrigin, ...dynamic },
        // Checked public media (functions/uploads/): keys are `media/...`, as the paths are. The bucket's
        // own policy (lib/constructs/uploads.ts) lets CloudFront read `media/*` and nothing else.
        '/media/*': {
          origin: origins.S3BucketOrigin.withOriginAccessControl(props.media, {
            originAccessLevels: [cloudfront.AccessLevel.READ],
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: mediaHeaders,
        },
        // Open311 GeoReport v2 at the address its discovery documents give civic apps.
        '/open311/*': { origin: apiOrigin, ...dynamic },
        '/assets/*': {
          origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headers,
          compress: true,
        },
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
    });
    // The uploads bucket is imported, so CDK cannot add the distribution's read grant to its policy:
    // the stateful stack grants it (lib/constructs/uploads.ts).
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'The uploads bucket policy in the stateful stack lets CloudFront read media/*',
    );
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}

/**
 * CloudFront Functions JS 2.0: `/` redirects to `/<lang>/` by Accept-Language (API Gateway cannot route
 * the empty path under /site; the web function redirects every other path without a language).
 */
const ROOT_TO_LANGUAGE = `var LANGUAGES = ${JSON.stringify(LANGUAGES)};
function handler(event) {
  var request = event.request;
  if (request.uri !== '/') return request;
  var header = request.headers['accept-language'];
  var ranked = (header ? header.value : '').split(',').map(function (part, i) {
    var pieces = part.trim().split(';');
    var q = 1;
    pieces.slice(1).forEach(function (p) { if (p.trim().indexOf('q=') === 0) q = Number(p.trim().slice(2)); });
    return { lang: pieces[0].trim().toLowerCase().split('-')[0], q: isNaN(q) ? 0 : q, i: i };
  }).filter(function (r) { return r.q > 0 && LANGUAGES.indexOf(r.lang) >= 0; })
    .sort(function (a, b) { return b.q - a.q || a.i - b.i; });
  var lang = ranked.length > 0 ? ranked[0].lang : 'en';
  return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/' + lang + '/' }, vary: { value: 'accept-language' } } };
}`;

/** CloudFront Functions JS 2.0: `/api/applications` reaches API Gateway as `/applications`. */
const STRIP_API_PREFIX = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/api(?=\\/|$)/, '') || '/';
  return request;
}`;
