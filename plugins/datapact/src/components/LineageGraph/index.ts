export { LineageGraph } from './LineageGraph';
export type { LineageGraphProps } from './LineageGraph';
export { LineageLegend } from './LineageLegend';
