import { Page, PageQuery, pageOfRows } from '@app/contracts';
import { UnitOfWork, unlessTaken } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InventoryErrorCode, InventoryException } from '../inventory.exception';
import { CategoryResponse, CreateCategoryDto, UpdateCategoryDto } from './categories.dto';
import { CategoriesRepository } from './categories.repository';
import { Category } from './category.entity';

@Injectable()
export class CategoriesService {
  constructor(
    private readonly categories: CategoriesRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: PageQuery): Promise<Page<CategoryResponse>> {
    return pageOfRows(await this.categories.findPage(query.limit, query.offset), query, (row) => this.toResponse(row));
  }

  async get(id: number): Promise<CategoryResponse> {
    return this.toResponse(await this.find(id));
  }

  async create(dto: CreateCategoryDto): Promise<CategoryResponse> {
    const category = this.categories.create({ name: dto.name, description: dto.description ?? null });
    return this.toResponse(await this.save(category));
  }

  async update(id: number, dto: UpdateCategoryDto): Promise<CategoryResponse> {
    const category = await this.find(id);
    return this.toResponse(await this.save(this.categories.merge(category, dto)));
  }

  /**
   * Only a category nothing refers to: products keep theirs, and the catalogue copies elsewhere know
   * categories only through their products, so a deleted category is in no copy and needs no event.
   */
  async delete(id: number): Promise<void> {
    const deletion = await this.unitOfWork.run((tx) => this.categories.delete(tx, id));
    if (deletion.outcome === 'NOT_FOUND') throw InventoryException.notFound(InventoryErrorCode.CategoryNotFound, 'Category', id);
    if (deletion.outcome === 'IN_USE') {
      throw InventoryException.inUse(InventoryErrorCode.CategoryInUse, 'category', id, deletion.products);
    }
  }

  private async find(id: number): Promise<Category> {
    const category = await this.categories.findById(id);
    if (!category) throw InventoryException.notFound(InventoryErrorCode.CategoryNotFound, 'Category', id);
    return category;
  }

  private save(category: Category): Promise<Category> {
    return unlessTaken(
      this.categories.save(category),
      () => new InventoryException(InventoryErrorCode.CategoryNameTaken, `A category named "${category.name}" exists`),
    );
  }

  private toResponse(category: Category): CategoryResponse {
    return {
      id: category.id,
      name: category.name,
      description: category.description,
      created_at: category.createdAt.toISOString(),
    };
  }
}
