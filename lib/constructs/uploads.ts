import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SEARCH_INDEX_PREFIX } from '../../functions/knowledge/keys.ts';
import { INCOMING_EXPIRY_DAYS, PREFIXES } from '../../functions/uploads/purposes.ts';

export interface UploadsProps {
  /** Ephemeral stages (dev, test-*) may be destroyed with their files; every other stage keeps them. */
  readonly ephemeral: boolean;
  /** The site's origin: browsers there post files straight to the bucket (CORS). */
  readonly siteOrigin: string;
}

/**
 * The uploads bucket: files that browsers and clients post straight to S3 with a presigned POST
 * (functions/uploads/), checked by the function that claims them. Private, encrypted, TLS only, access
 * logged; unclaimed uploads under `incoming/` expire after a day. CloudFront (the site's distribution,
 * in the stateless stack) may read `media/*` and nothing else: the distribution's id is not known here
 * (the stateless stack deploys after this one), so the grant names any distribution of this account;
 * what it opens is public by design.
 */
export class Uploads extends Construct {
  readonly bucket: s3.Bucket;
  readonly logs: s3.Bucket;

  constructor(scope: Construct, id: string, props: UploadsProps) {
    super(scope, id);
    const removal = props.ephemeral
      ? { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true }
      : { removalPolicy: RemovalPolicy.RETAIN };

    this.logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      ...removal,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'uploads/',
      lifecycleRules: [
        {
          id: 'unclaimed-uploads',
          prefix: PREFIXES.incoming,
          expiration: Duration.days(INCOMING_EXPIRY_DAYS),
        },
        { id: 'unfinished-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Scripted uploads from the site's pages; a form without JavaScript needs no CORS.
      cors: [
        {
          allowedOrigins: [props.siteOrigin],
          allowedMethods: [s3.HttpMethods.POST],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'Location'],
          maxAge: 3600,
        },
      ],
      ...removal,
    });

    const { account } = Stack.of(this);
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFrontReadsCheckedMedia',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${PREFIXES.media}*`)],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': account },
          ArnLike: {
            'AWS:SourceArn': `arn:${Stack.of(this).partition}:cloudfront::${account}:distribution/*`,
          },
        },
      }),
    );
  }
}

/**
 * What a function with `uploads: true` routes may do: write under `incoming/` (a presigned POST is
 * authorized as the function's role) and the checked prefixes, read `incoming/` (the check) and
 * `private/` (short-lived links), and delete what it claimed from `incoming/`. Nothing else: no listing,
 * no ACLs, no bucket settings.
 */
export function grantUploads(bucket: s3.IBucket, grantee: iam.IGrantable): void {
  const objects = (prefix: string) => bucket.arnForObjects(`${prefix}*`);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      resources: [objects(PREFIXES.incoming), objects(PREFIXES.media), objects(PREFIXES.private)],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [objects(PREFIXES.incoming), objects(PREFIXES.private)],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [objects(PREFIXES.incoming)] }),
  );
}

/**
 * The knowledge search index (functions/knowledge/search-store.ts) lives under `search-index/` of the
 * uploads bucket: one immutable object per save. The search reads it; the indexer writes a new one and
 * deletes the one it replaced. Neither may list, nor reach any other prefix.
 */
export function grantSearchIndex(
  bucket: s3.IBucket,
  grantee: iam.IGrantable,
  access: 'read' | 'write',
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [bucket.arnForObjects(`${SEARCH_INDEX_PREFIX}*`)],
    }),
  );
}
