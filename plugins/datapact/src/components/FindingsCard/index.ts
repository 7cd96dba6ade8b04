export { EntityFindingsCard, FindingsCard } from './FindingsCard';
