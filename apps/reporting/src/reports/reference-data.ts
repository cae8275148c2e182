import { Injectable } from '@nestjs/common';
import { ReportingErrorCode, ReportingException } from '../reporting.exception';
import { Reference, ReferenceDataRepository } from './reference-data.repository';
import type { FactFilter } from './sales-facts.repository';

const NOT_FOUND: Record<Reference, [ReportingErrorCode, string]> = {
  store: [ReportingErrorCode.StoreNotFound, 'Store'],
  location: [ReportingErrorCode.LocationNotFound, 'Location'],
  product: [ReportingErrorCode.ProductNotFound, 'Product'],
  category: [ReportingErrorCode.CategoryNotFound, 'Category'],
};

/** The 404 for an id in a report's filter that no event ever mentioned. */
@Injectable()
export class ReferenceData {
  constructor(private readonly references: ReferenceDataRepository) {}

  /** The store and category a sales filter names, when it names them. */
  async requireKnown(filter: Pick<FactFilter, 'storeId' | 'categoryId'>): Promise<void> {
    await this.requireStore(filter.storeId);
    await this.requireCategory(filter.categoryId);
  }

  requireStore(storeId: number | undefined): Promise<void> {
    return this.require('store', storeId);
  }

  requireLocation(locationId: number | undefined): Promise<void> {
    return this.require('location', locationId);
  }

  requireProduct(productId: number | undefined): Promise<void> {
    return this.require('product', productId);
  }

  requireCategory(categoryId: number | undefined): Promise<void> {
    return this.require('category', categoryId);
  }

  private async require(reference: Reference, id: number | undefined): Promise<void> {
    if (id === undefined || (await this.references.isKnown(reference, id))) return;
    const [code, what] = NOT_FOUND[reference];
    throw ReportingException.notFound(code, what, id);
  }
}
