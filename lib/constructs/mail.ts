import { RemovalPolicy } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailProps {
  readonly senderEmail: string;
  /** Ephemeral stages may lose the identity; every other stage keeps it (and its verification). */
  readonly ephemeral: boolean;
}

/**
 * The sending identity and its configuration set (bounces and complaints suppressed, reputation
 * metrics on). Stateful: a verified identity and its reputation outlive any release of the functions.
 */
export class Mail extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: ses.Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });
    const removalPolicy = props.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    this.configurationSet.applyRemovalPolicy(removalPolicy);
    this.identity.applyRemovalPolicy(removalPolicy);
  }
}
