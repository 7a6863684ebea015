import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LocalStateMachine } from './stepfunctions.ts';
import { stateMachineArn, type Template, type TemplateReader } from './template.ts';

/**
 * The template's state machines, named as the local cloud names everything (by logical id unless
 * StateMachineName is set). CDK writes the definition as a Fn::Join of strings and ARNs.
 */
export function stateMachinesFrom(template: Template, reader: TemplateReader): LocalStateMachine[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')
    .map(([id, r]) => {
      const p = r.Properties ?? {};
      const name = reader.stateMachineName(id);
      const text = reader.resolve(p.DefinitionString ?? null);
      const definition = (
        typeof text === 'string' ? JSON.parse(text) : reader.resolve(p.Definition ?? null)
      ) as StateMachineDefinition | null;
      if (!definition) throw new Error(`State machine ${id} has no definition`);
      return {
        arn: stateMachineArn(name),
        name,
        definition,
      };
    });
}

/** The function an ARN (`arn:aws:lambda:…:function:<id>[:qualifier]`) or a name points to; locally, its logical id. */
export function functionIdOf(arnOrName: string): string {
  return /(?:^|:)function:([^:]+)/.exec(arnOrName)?.[1] ?? arnOrName.split(':')[0] ?? arnOrName;
}
