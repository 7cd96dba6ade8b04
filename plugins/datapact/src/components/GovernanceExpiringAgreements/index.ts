export {
  EXPIRY_HORIZONS,
  GovernanceExpiringAgreements,
} from './GovernanceExpiringAgreements';
