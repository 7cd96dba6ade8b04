export { AcceptedTerms } from './AcceptedTerms';
