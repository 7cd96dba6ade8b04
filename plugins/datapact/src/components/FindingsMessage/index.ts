export { FindingsMessage } from './FindingsMessage';
