import { screen, within } from '@testing-library/react';
import { dataset } from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityDatasetSchemaCard } from './DatasetSchemaCard';

describe('DatasetSchemaCard', () => {
  it('lists the fields with their types and classifications', async () => {
    await renderWithApis(<EntityDatasetSchemaCard />, { entity: dataset });
    expect(screen.getByText('Format: parquet')).toBeInTheDocument();
    const row = screen.getByText('patient_key').closest('tr')!;
    expect(within(row).getByText('string')).toBeInTheDocument();
    expect(
      within(row).getByText('pseudonymous identifier'),
    ).toBeInTheDocument();
    const area = screen.getByText('small_area_code').closest('tr')!;
    expect(within(area).getByText('quasi identifier')).toBeInTheDocument();
    expect(within(area).getByText('Home small area')).toBeInTheDocument();
  });

  it('says how to add a schema when there is none', async () => {
    await renderWithApis(<EntityDatasetSchemaCard />, {
      entity: { ...dataset, spec: { ...dataset.spec, schema: undefined } },
    });
    expect(screen.getByText(/No schema declared/)).toBeInTheDocument();
  });
});
