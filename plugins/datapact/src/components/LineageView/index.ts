export { EntityDatasetLineageContent, LineageView } from './LineageView';
export type { LineageViewProps } from './LineageView';
