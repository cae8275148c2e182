import { Page, PageQuery, pageOfRows } from '@app/contracts';
import { UnitOfWork } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InventoryErrorCode, InventoryException } from '../inventory.exception';
import { CreateSupplierDto, SupplierResponse, UpdateSupplierDto } from './suppliers.dto';
import { Supplier } from './supplier.entity';
import { SuppliersRepository } from './suppliers.repository';

@Injectable()
export class SuppliersService {
  constructor(
    private readonly suppliers: SuppliersRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: PageQuery): Promise<Page<SupplierResponse>> {
    return pageOfRows(await this.suppliers.findPage(query.limit, query.offset), query, (row) => this.toResponse(row));
  }

  async get(id: number): Promise<SupplierResponse> {
    return this.toResponse(await this.find(id));
  }

  async create(dto: CreateSupplierDto): Promise<SupplierResponse> {
    const supplier = this.suppliers.create({ name: dto.name, email: dto.email ?? null, phone: dto.phone ?? null });
    return this.toResponse(await this.suppliers.save(supplier));
  }

  async update(id: number, dto: UpdateSupplierDto): Promise<SupplierResponse> {
    const supplier = await this.find(id);
    return this.toResponse(await this.suppliers.save(this.suppliers.merge(supplier, dto)));
  }

  /** Only a supplier no product refers to; no other service keeps suppliers, so no event. */
  async delete(id: number): Promise<void> {
    const deletion = await this.unitOfWork.run((tx) => this.suppliers.delete(tx, id));
    if (deletion.outcome === 'NOT_FOUND') throw InventoryException.notFound(InventoryErrorCode.SupplierNotFound, 'Supplier', id);
    if (deletion.outcome === 'IN_USE') {
      throw InventoryException.inUse(InventoryErrorCode.SupplierInUse, 'supplier', id, deletion.products);
    }
  }

  private async find(id: number): Promise<Supplier> {
    const supplier = await this.suppliers.findById(id);
    if (!supplier) throw InventoryException.notFound(InventoryErrorCode.SupplierNotFound, 'Supplier', id);
    return supplier;
  }

  private toResponse(supplier: Supplier): SupplierResponse {
    return {
      id: supplier.id,
      name: supplier.name,
      email: supplier.email,
      phone: supplier.phone,
      created_at: supplier.createdAt.toISOString(),
    };
  }
}
