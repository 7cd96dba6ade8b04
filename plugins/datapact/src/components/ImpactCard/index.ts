export {
  EntityDatasetImpactCard,
  groupImpactByOrganization,
  ImpactCard,
} from './ImpactCard';
export type { ImpactCardProps, ImpactByOrganization } from './ImpactCard';
