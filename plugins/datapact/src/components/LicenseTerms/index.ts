export { LicenseTerms, licenseUrl } from './LicenseTerms';
