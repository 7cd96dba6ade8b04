export {
  DatasetSchemaCard,
  EntityDatasetSchemaCard,
} from './DatasetSchemaCard';
