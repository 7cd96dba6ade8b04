export { ExpiryNote } from './ExpiryNote';
