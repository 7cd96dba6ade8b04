export { LicenseLink, LicenseTerms, licenseUrl } from './LicenseTerms';
