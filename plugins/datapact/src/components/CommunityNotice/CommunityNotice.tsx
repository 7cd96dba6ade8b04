import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { DatasetEntityV1alpha1 } from '@datapact/backstage-plugin-common';
import { communityLabelWords, words } from '../../lib/words';

type Community = NonNullable<DatasetEntityV1alpha1['spec']['community']>;

/**
 * A community's collective rights over a dataset, shown before anything
 * else: its labels and what it vetoes bind every use, whatever the licence
 * says.
 */
export function CommunityNotice(props: { community: Community }) {
  const { community } = props;
  const vetoes = community.vetoOn ?? [];
  return (
    <Alert severity="warning" data-testid="community-notice">
      <AlertTitle>Community-governed data: {community.name}</AlertTitle>
      This community holds collective rights over the data.
      {community.steward && (
        <>
          {' '}
          It decides through{' '}
          <EntityRefLink entityRef={community.steward} defaultKind="Steward" />.
        </>
      )}
      {vetoes.length > 0 && (
        <Box mt={1}>
          <strong>The community vetoes {vetoes.map(words).join(', ')}</strong>{' '}
          for this data and everything derived from it, whatever the licence
          allows.
        </Box>
      )}
      {(community.labels ?? []).length > 0 && (
        <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {community.labels!.map(label => (
            <Chip
              key={label}
              size="small"
              variant="outlined"
              label={communityLabelWords(label)}
            />
          ))}
        </Box>
      )}
    </Alert>
  );
}
