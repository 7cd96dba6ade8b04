import { catalogExportSettings } from './catalogExportSettings';

describe('catalogExportSettings', () => {
  const yaml = { exporter: jest.fn(), label: 'YAML' } as any;
  const xml = { exporter: jest.fn(), label: 'XML' } as any;

  it('hides the export button unless the page config enables it', () => {
    expect(catalogExportSettings(undefined, [])).toBeUndefined();
    expect(
      catalogExportSettings({ enabled: false }, [{ exporters: { yaml } }]),
    ).toBeUndefined();
  });

  it("composes the page config with every extension's exporters, the first columns winning", () => {
    const settings = catalogExportSettings(
      { enabled: true, disableBuiltinExporters: true },
      [
        {
          exporters: { yaml },
          columns: [{ entityFilterKey: 'a', title: 'A' }],
        },
        undefined,
        { exporters: { xml }, columns: [{ entityFilterKey: 'b', title: 'B' }] },
      ],
    );
    expect(settings).toEqual({
      enabled: true,
      disableBuiltinExporters: true,
      exporters: { yaml, xml },
      columns: [{ entityFilterKey: 'a', title: 'A' }],
    });
  });
});
