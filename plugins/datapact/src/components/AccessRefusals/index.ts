export { AccessRefusals } from './AccessRefusals';
