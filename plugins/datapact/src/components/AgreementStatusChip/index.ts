export { AgreementStatusChip } from './AgreementStatusChip';
