export {
  DatasetOverviewCard,
  EntityDatasetOverviewCard,
} from './DatasetOverviewCard';
