import type { LocalFunction, LocalRoute, Template, TemplateReader } from '../../lib/local/template.ts';
import type { Features } from './cold-share-report.ts';

type Trigger = 'HTTP' | 'DynamoDB stream' | 'Step Functions tasks' | 'EventBridge schedule' | 'other';

/** A function of the synthesized template, with what invokes it. */
export interface BenchFunction {
  readonly fn: LocalFunction;
  /** "membership API" for a feature's function, else its logical id without CDK's hash. */
  readonly name: string;
  readonly trigger: Trigger;
  /** The feature whose routes it serves (HTTP functions only). */
  readonly feature?: string;
  readonly routes: readonly LocalRoute[];
}

export const routeKeyOf = (r: Pick<LocalRoute, 'method' | 'path'>) => `${r.method} ${r.path}`;

/**
 * Every function of the template, HTTP ones first in catalogue order. The trigger comes from the
 * template itself: routes integrated with the function, a stream mapping, or a state machine or rule
 * that names it.
 */
export function describeFunctions(
  template: Template,
  reader: TemplateReader,
  functions: readonly LocalFunction[],
  routes: readonly LocalRoute[],
  features: Features,
): BenchFunction[] {
  const streamConsumers = new Set(reader.streamMappings().map((m) => m.functionId));
  const referencedBy = (type: string, id: string) =>
    Object.values(template.Resources).some(
      (x) => x.Type === type && JSON.stringify(x.Properties ?? {}).includes(id),
    );
  const featureOf = (route: LocalRoute) =>
    Object.keys(features).find((f) => features[f]?.includes(routeKeyOf(route)));
  const order = Object.keys(features);
  return functions
    .map((fn): BenchFunction => {
      const own = routes.filter((r) => r.functionId === fn.id);
      const first = own[0];
      const feature = first && featureOf(first);
      if (first) {
        return {
          fn,
          name: feature ? `${feature} API` : shortId(fn.id),
          trigger: 'HTTP',
          routes: own,
          ...(feature ? { feature } : {}),
        };
      }
      const trigger: Trigger = streamConsumers.has(fn.id)
        ? 'DynamoDB stream'
        : referencedBy('AWS::StepFunctions::StateMachine', fn.id)
          ? 'Step Functions tasks'
          : referencedBy('AWS::Events::Rule', fn.id)
            ? 'EventBridge schedule'
            : 'other';
      return { fn, name: shortId(fn.id), trigger, routes: [] };
    })
    .sort((a, b) => rank(a) - rank(b));

  function rank(f: BenchFunction): number {
    return f.feature ? order.indexOf(f.feature) : order.length;
  }
}

const shortId = (id: string) => id.replace(/Function[0-9A-F]{8}$/, '');
