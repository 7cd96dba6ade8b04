export {
  EntityStewardOverviewCard,
  StewardOverviewCard,
} from './StewardOverviewCard';
