import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { AccessTerm } from '@datapact/backstage-plugin-common';

/** A term's kind, as the chip beside it says it. */
const KIND_WORDS: Record<AccessTerm['kind'], string> = {
  duty: 'duty',
  prohibition: 'prohibited',
  term: 'term',
  label: 'label',
};

/** The terms one entity sets, in the server's order. */
interface TermGroup {
  source: AccessTerm['source'];
  entity: string;
  terms: AccessTerm[];
}

/** Consecutive terms of the same source and entity, as the server lists them. */
function groupsOf(terms: AccessTerm[]): TermGroup[] {
  const groups: TermGroup[] = [];
  for (const term of terms) {
    const last = groups[groups.length - 1];
    if (last && last.source === term.source && last.entity === term.entity) {
      last.terms.push(term);
    } else {
      groups.push({ source: term.source, entity: term.entity, terms: [term] });
    }
  }
  return groups;
}

function Heading(props: { group: TermGroup }) {
  const { source, entity } = props.group;
  const link = <EntityRefLink entityRef={entity} hideIcon />;
  switch (source) {
    case 'license':
      return <>Licence of {link}</>;
    case 'agreement':
      return <>Agreement {link}</>;
    case 'community':
      return <>Community rights over {link}</>;
    default:
      return link;
  }
}

/**
 * Terms a requester accepts, grouped by where they come from (the dataset's
 * licence, each agreement, each community), each with its kind. The
 * sentences are the server's own: shown as they are, never reworded here.
 */
export function AccessTermsList(props: { terms: AccessTerm[] }) {
  const groups = groupsOf(props.terms);
  if (!groups.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No licence, agreement or community sets terms on this data.
      </Typography>
    );
  }
  return (
    <Box data-testid="access-terms">
      {groups.map(group => (
        <Box
          key={`${group.source}:${group.entity}`}
          mb={1}
          data-testid={`access-terms-${group.source}`}
        >
          <Typography variant="subtitle2">
            <Heading group={group} />
          </Typography>
          <Box component="ul" m={0} pl={0} style={{ listStyle: 'none' }}>
            {group.terms.map(term => (
              <Box
                component="li"
                key={`${term.kind}:${term.id}`}
                display="flex"
                alignItems="baseline"
                mt={0.5}
                style={{ gap: 8 }}
              >
                <Chip
                  size="small"
                  variant="outlined"
                  color={term.kind === 'prohibition' ? 'secondary' : 'default'}
                  label={KIND_WORDS[term.kind] ?? term.kind}
                />
                <Typography variant="body2" component="span">
                  {term.text}
                </Typography>
              </Box>
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
