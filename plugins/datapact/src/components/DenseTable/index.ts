export { DenseTable } from './DenseTable';
