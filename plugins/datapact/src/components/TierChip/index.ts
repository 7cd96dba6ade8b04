export { TierChip, tierColour } from './TierChip';
