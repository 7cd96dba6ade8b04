export { RequestStateChip } from './RequestStateChip';
