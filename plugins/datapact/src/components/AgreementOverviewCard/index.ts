export {
  AgreementOverviewCard,
  EntityAgreementOverviewCard,
} from './AgreementOverviewCard';
