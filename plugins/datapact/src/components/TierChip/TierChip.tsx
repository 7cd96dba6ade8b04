import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { useSensitivityTiers } from '../../hooks/useSensitivityTiers';

/**
 * Green at the bottom of the scale, through teal, blue, amber and crimson, to
 * red at the top: six colours, so that scales of up to six tiers show each
 * tier in its own colour (the default four take green, blue, amber, red).
 */
const COLOURS = [
  '#2e7d32',
  '#00838f',
  '#1565c0',
  '#e65100',
  '#ad1457',
  '#c62828',
];
const UNKNOWN = '#616161';

/** The colour of a tier by its place on the scale, whatever the scale's length. */
export function tierColour(tier: string, tiers: readonly string[]): string {
  const rank = tiers.indexOf(tier);
  if (rank < 0) return UNKNOWN;
  const position = tiers.length > 1 ? rank / (tiers.length - 1) : 1;
  return COLOURS[Math.round(position * (COLOURS.length - 1))];
}

/** A dataset's sensitivity tier as a coloured badge. */
export function TierChip(props: { tier: string; size?: 'small' | 'medium' }) {
  const { tier, size = 'small' } = props;
  const tiers = useSensitivityTiers();
  const rank = tiers.indexOf(tier);
  const title =
    rank < 0
      ? `${tier} is not on the sensitivity scale (${tiers.join(' < ')})`
      : `Sensitivity tier ${rank + 1} of ${tiers.length}: ${tiers.join(' < ')}`;
  return (
    <Tooltip title={title}>
      <Chip
        size={size}
        label={tier}
        data-testid="tier-chip"
        style={{
          backgroundColor: tierColour(tier, tiers),
          color: '#fff',
          fontWeight: 600,
          textTransform: 'uppercase',
          letterSpacing: '0.04em',
        }}
      />
    </Tooltip>
  );
}
