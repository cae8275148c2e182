import { pageOf } from '@app/contracts';
import { Outbox } from '@app/events';
import { PgErrorCode, UnitOfWork, isPgError } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { CategoriesRepository } from '../categories/categories.repository';
import { InventoryErrorCode, InventoryException } from '../inventory.exception';
import { SuppliersRepository } from '../suppliers/suppliers.repository';
import { Product } from './product.entity';
import { ProductCache } from './product-cache';
import { CreateProductDto, ProductQuery, ProductResponse, UpdateProductDto } from './products.dto';
import { productUpsertedV1 } from './product-events';
import { ProductsRepository } from './products.repository';

@Injectable()
export class ProductsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly outbox: Outbox,
    private readonly cache: ProductCache,
    private readonly categories: CategoriesRepository,
    private readonly suppliers: SuppliersRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** The page as JSON text, which the cache keeps and Fastify sends as it is (ProductCacheInterceptor). */
  async list(query: ProductQuery): Promise<string> {
    const [rows, total] = await this.products.findPage({
      categoryId: query.category_id,
      supplierId: query.supplier_id,
      active: query.active,
      search: query.search,
      limit: query.limit,
      offset: query.offset,
    });
    return JSON.stringify(pageOf(rows.map(toResponse), total, query));
  }

  /** The product as JSON text (see list). */
  async get(id: number): Promise<string> {
    return JSON.stringify(toResponse(await this.find(id)));
  }

  async create(dto: CreateProductDto): Promise<ProductResponse> {
    await this.checkReferences(dto);
    const product = this.products.create({
      sku: dto.sku,
      name: dto.name,
      description: dto.description ?? null,
      categoryId: dto.category_id ?? null,
      supplierId: dto.supplier_id ?? null,
      price: dto.price,
      active: dto.active ?? true,
    });
    return toResponse(await this.save(product));
  }

  async update(id: number, dto: UpdateProductDto): Promise<ProductResponse> {
    const product = await this.find(id);
    await this.checkReferences(dto);
    if (dto.sku !== undefined) product.sku = dto.sku;
    if (dto.name !== undefined) product.name = dto.name;
    if (dto.description !== undefined) product.description = dto.description;
    if (dto.category_id !== undefined) product.categoryId = dto.category_id;
    if (dto.supplier_id !== undefined) product.supplierId = dto.supplier_id;
    if (dto.price !== undefined) product.price = dto.price;
    if (dto.active !== undefined) product.active = dto.active;
    return toResponse(await this.save(product));
  }

  async deactivate(id: number): Promise<void> {
    const product = await this.find(id);
    product.active = false;
    await this.save(product);
  }

  private async find(id: number): Promise<Product> {
    const product = await this.products.findById(id);
    if (!product) throw InventoryException.notFound(InventoryErrorCode.ProductNotFound, 'Product', id);
    return product;
  }

  private async checkReferences(refs: { category_id?: number | null; supplier_id?: number | null }): Promise<void> {
    if (typeof refs.category_id === 'number' && !(await this.categories.exists(refs.category_id))) {
      throw InventoryException.notFound(InventoryErrorCode.CategoryNotFound, 'Category', refs.category_id);
    }
    if (typeof refs.supplier_id === 'number' && !(await this.suppliers.exists(refs.supplier_id))) {
      throw InventoryException.notFound(InventoryErrorCode.SupplierNotFound, 'Supplier', refs.supplier_id);
    }
  }

  /** Saves the product and records its new state for the services that keep a catalogue copy. */
  private async save(product: Product): Promise<Product> {
    try {
      const saved = await this.unitOfWork.run(async (tx) => {
        const saved = await this.products.save(tx, product);
        const category = saved.categoryId === null ? null : await this.categories.findById(saved.categoryId, tx);
        await this.outbox.record(tx, 'inventory.product.upserted', productUpsertedV1(saved, category?.name ?? null));
        return saved;
      });
      // Committed: from now on this instance answers with the new state.
      await this.cache.invalidate();
      return saved;
    } catch (error) {
      if (isPgError(error, PgErrorCode.uniqueViolation)) {
        throw new InventoryException(InventoryErrorCode.SkuTaken, `SKU ${product.sku} is already used by another product`);
      }
      if (isPgError(error, PgErrorCode.foreignKeyViolation)) {
        // Its category or supplier was deleted after checkReferences saw it: the same 404 as if it had been gone before.
        await this.checkReferences({ category_id: product.categoryId, supplier_id: product.supplierId });
      }
      throw error;
    }
  }
}

function toResponse(product: Product): ProductResponse {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    category_id: product.categoryId,
    supplier_id: product.supplierId,
    price: product.price,
    active: product.active,
    created_at: product.createdAt.toISOString(),
    updated_at: product.updatedAt.toISOString(),
  };
}
