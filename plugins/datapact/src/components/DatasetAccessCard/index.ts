export {
  DatasetAccessCard,
  EntityDatasetAccessCard,
} from './DatasetAccessCard';
