import { InfoCard, Progress, StatusOK } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  isAgreementEntity,
  isDatasetEntity,
  ReportedFinding,
} from '@datapact/backstage-plugin-common';
import { Fragment } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { datapactApiRef } from '../../api';
import { ruleTitle, ruleWhy, sortFindings } from '../../lib/findings';
import { relativeTime } from '../../lib/time';
import { plural } from '../../lib/words';
import { FindingsMessage } from '../FindingsMessage';
import { FindingsSeverity } from '../FindingsSeverity';

function Finding(props: { finding: ReportedFinding; self: string }) {
  const { finding, self } = props;
  const why = ruleWhy(finding.rule);
  // The entities involved besides the one whose page this is; the first of
  // a finding is the one it is about.
  const others = finding.entities.filter(
    ref => ref.toLowerCase() !== self.toLowerCase(),
  );
  return (
    <Box py={1.5} data-testid="finding">
      <Box display="flex" alignItems="center" style={{ gap: 12 }}>
        <FindingsSeverity severity={finding.severity} />
        <Tooltip title={`rule id: ${finding.rule}`}>
          <Chip
            size="small"
            variant="outlined"
            label={ruleTitle(finding.rule)}
          />
        </Tooltip>
      </Box>
      <Box mt={1}>
        <FindingsMessage message={finding.message} />
      </Box>
      {why && (
        <Typography variant="body2" color="textSecondary">
          <strong>Why it matters:</strong> {why}
        </Typography>
      )}
      {others.length > 0 && (
        <Typography variant="body2" component="div">
          <strong>Involved:</strong>{' '}
          <EntityRefLinks entityRefs={others} defaultKind="Dataset" />
        </Typography>
      )}
    </Box>
  );
}

/**
 * The governance findings that name an entity (a Dataset or an Agreement):
 * what is wrong and what to change, in the rules' own words; why the rule
 * matters; and links to the other entities involved.
 */
export function FindingsCard(props: { entityRef: string; noun?: string }) {
  const { entityRef, noun = 'entity' } = props;
  const api = useApi(datapactApiRef);
  const report = useAsync(() => api.getFindings(entityRef), [api, entityRef]);

  if (report.error) {
    return (
      <InfoCard title="Governance findings">
        <Alert severity="error">{report.error.message}</Alert>
      </InfoCard>
    );
  }
  if (report.loading || !report.value) {
    return (
      <InfoCard title="Governance findings">
        <Progress />
      </InfoCard>
    );
  }
  const { problems, computedAt, entities } = report.value;
  const findings = sortFindings(problems);
  const errors = findings.filter(f => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const counts = [
    errors && plural(errors, 'error'),
    warnings && plural(warnings, 'warning'),
  ].filter(Boolean);
  return (
    <InfoCard
      title="Governance findings"
      subheader={counts.length ? counts.join(', ') : undefined}
    >
      {findings.length === 0 ? (
        <Box>
          <StatusOK>No findings</StatusOK>
          <Typography variant="body2" color="textSecondary">
            The governance rules find nothing to change in this {noun}.
          </Typography>
        </Box>
      ) : (
        findings.map((finding, i) => (
          <Fragment key={`${finding.rule}-${finding.entities.join(',')}`}>
            {i > 0 && <Divider />}
            <Finding finding={finding} self={entityRef} />
          </Fragment>
        ))
      )}
      <Box mt={1}>
        <Typography variant="caption" color="textSecondary">
          Rules checked over {entities} catalog{' '}
          {entities === 1 ? 'entity' : 'entities'} {relativeTime(computedAt)}.
        </Typography>
      </Box>
    </InfoCard>
  );
}

/** {@link FindingsCard} for the Dataset or Agreement of the entity page. */
export function EntityFindingsCard() {
  const { entity } = useEntity();
  if (!isDatasetEntity(entity) && !isAgreementEntity(entity)) return null;
  return (
    <FindingsCard
      entityRef={stringifyEntityRef(entity)}
      noun={isDatasetEntity(entity) ? 'dataset' : 'agreement'}
    />
  );
}
