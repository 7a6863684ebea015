import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { REGIONS, regionGroup } from '../../functions/shared/regions.ts';
import { ROLES } from '../../functions/shared/route.ts';

export interface AuthProps {
  readonly stage: string;
  readonly ephemeral: boolean;
  /** The site's URL: staff sign in through Cognito's managed login and come back to it. */
  readonly siteUrl: string;
}

/** Where the site receives the authorization code, and where Cognito sends a signed-out visitor. */
export const SIGN_IN_CALLBACK = '/auth/callback';
export const SIGNED_OUT = '/auth/signed-out';

/**
 * The Cognito user pool of WeGO staff: the Secretariat, committee members and city officials, one
 * group per role. Users are created by an administrator (no self sign-up); the API reads the groups
 * from the ID token's `cognito:groups` claim and the identity from its `email` claim.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `wego-${props.stage}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // Identity is the verified email: a new address counts only once its owner has verified it.
      keepOriginal: { email: true },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: !props.ephemeral,
      removalPolicy: props.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) {
      new cognito.CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `WeGO ${role} role`,
      });
    }
    // Region scopes: staff of a regional office carry their role's group and their region's.
    for (const region of REGIONS) {
      new cognito.CfnUserPoolGroup(this, `Group-${regionGroup(region)}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: regionGroup(region),
        description: `WeGO region scope: ${region} (with a role, e.g. secretariat)`,
      });
    }
    // Cognito's managed login (the newer, localized pages): the site sends staff there and gets back a code.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `wego-${props.stage}-${Stack.of(this).account}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.client = this.userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      // The site signs staff in with the authorization code grant and PKCE (a public client, no secret);
      // tools may still use SRP. Only the ID token's claims are used: openid and email suffice.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [`${props.siteUrl}${SIGN_IN_CALLBACK}`],
        logoutUrls: [`${props.siteUrl}${SIGNED_OUT}`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      enableTokenRevocation: true,
      // Users may not change their own email (or anything the API trusts); administrators do.
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    new cognito.CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }
}
