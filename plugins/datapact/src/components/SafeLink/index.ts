export { SafeLink } from './SafeLink';
