import {
  Entity,
  getCompoundEntityRef,
  KindValidator,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  createDatapactKindValidators,
  DatapactValidatorOptions,
  getDatapactRelations,
} from '@datapact/backstage-plugin-common';

/**
 * Teaches the catalog the Datapact kinds: validates Dataset, Agreement and
 * Steward entities and emits their relations in both directions.
 *
 * @public
 */
export class DatapactEntitiesProcessor implements CatalogProcessor {
  private readonly validators: KindValidator[];

  constructor(options: DatapactValidatorOptions = {}) {
    this.validators = createDatapactKindValidators(options);
  }

  getProcessorName(): string {
    return 'DatapactEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    for (const validator of this.validators) {
      if (await validator.check(entity)) {
        return true;
      }
    }
    return false;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    for (const { type, inverse, target } of getDatapactRelations(entity)) {
      emit(processingResult.relation({ source: self, type, target }));
      emit(
        processingResult.relation({
          source: target,
          type: inverse,
          target: self,
        }),
      );
    }
    return entity;
  }
}
