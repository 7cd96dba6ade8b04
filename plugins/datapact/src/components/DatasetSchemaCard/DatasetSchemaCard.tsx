import { DenseTable } from '../DenseTable';
import { TableColumn } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import {
  DatasetEntityV1alpha1,
  isDatasetEntity,
} from '@datapact/backstage-plugin-common';
import { words } from '../../lib/words';

type Field = NonNullable<
  NonNullable<DatasetEntityV1alpha1['spec']['schema']>['fields']
>[number];

/** Classifications that identify people, shown in the error colour. */
const IDENTIFYING = new Set(['direct-identifier', 'pseudonymous-identifier']);

const columns: TableColumn<Field>[] = [
  {
    title: 'Field',
    field: 'name',
    highlight: true,
    render: field => <code>{field.name}</code>,
  },
  { title: 'Type', field: 'type', render: field => field.type ?? '' },
  {
    title: 'Classification',
    field: 'classification',
    render: field => (
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
        {(field.classification ?? []).map(c => (
          <Chip
            key={c}
            size="small"
            label={words(c)}
            color={IDENTIFYING.has(c) ? 'secondary' : 'default'}
          />
        ))}
      </Box>
    ),
  },
  {
    title: 'Description',
    field: 'description',
    render: field => field.description ?? '',
  },
];

/** A dataset's fields with their types and classifications. */
export function DatasetSchemaCard(props: { dataset: DatasetEntityV1alpha1 }) {
  const schema = props.dataset.spec.schema;
  const fields = schema?.fields ?? [];
  return (
    <DenseTable<Field>
      title="Schema"
      subtitle={schema?.format ? `Format: ${schema.format}` : undefined}
      search={fields.length > 20}
      columns={columns}
      data={fields}
      empty={
        <>
          No schema declared: add <code>spec.schema.fields</code> to the
          dataset's catalog-info file.
        </>
      }
    />
  );
}

/** {@link DatasetSchemaCard} for the Dataset of the entity page. */
export function EntityDatasetSchemaCard() {
  const { entity } = useEntity();
  return isDatasetEntity(entity) ? (
    <DatasetSchemaCard dataset={entity} />
  ) : null;
}
