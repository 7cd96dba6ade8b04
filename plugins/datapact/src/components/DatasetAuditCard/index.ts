export { DatasetAuditCard, EntityDatasetAuditCard } from './DatasetAuditCard';
