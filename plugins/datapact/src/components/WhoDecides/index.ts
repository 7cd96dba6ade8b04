export { WhoDecides } from './WhoDecides';
