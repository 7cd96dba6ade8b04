import type { CatalogExportSettings } from '@backstage/plugin-catalog/alpha';

/** What one `catalog-export-config` extension contributes. */
export type CatalogExportContribution = Pick<
  CatalogExportSettings,
  'exporters' | 'columns' | 'onSuccess' | 'onError'
>;

/**
 * The catalog page's export settings, composed as `page:catalog` itself
 * composes them: the page's `exportSettings` config, exporters from every
 * `catalog-export-config` extension, and the first contribution's columns and
 * callbacks. Undefined unless export is enabled, which hides the button.
 */
export function catalogExportSettings(
  config: Pick<
    CatalogExportSettings,
    'enabled' | 'disableBuiltinExporters'
  > = {},
  contributions: ReadonlyArray<CatalogExportContribution | undefined> = [],
): CatalogExportSettings | undefined {
  const settings: CatalogExportSettings = { ...config };
  for (const contribution of contributions) {
    if (!contribution) continue;
    if (contribution.exporters) {
      settings.exporters = { ...settings.exporters, ...contribution.exporters };
    }
    settings.columns ??= contribution.columns;
    settings.onSuccess ??= contribution.onSuccess;
    settings.onError ??= contribution.onError;
  }
  return settings.enabled ? settings : undefined;
}
