import { finding, GovernanceRule } from './rule';

/** Advice under `schema`: a dataset without a description is hard to judge before requesting it. */
export const descriptions: GovernanceRule = world =>
  world.datasets
    .filter(d => !d.metadata.description?.trim())
    .map(d => {
      const self = world.refOf(d);
      return finding(
        'schema',
        'warning',
        [self],
        `${world.label(
          self,
        )} has no description; say what one record is and why the data exists in \`metadata.description\`.`,
      );
    });
