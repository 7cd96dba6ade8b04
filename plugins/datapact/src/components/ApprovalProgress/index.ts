export { ApprovalProgress } from './ApprovalProgress';
