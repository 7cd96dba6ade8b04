export {
  EntityStewardDecisionsCard,
  StewardDecisionsCard,
} from './StewardDecisionsCard';
