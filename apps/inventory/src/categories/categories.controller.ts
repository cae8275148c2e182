import { ErrorResponse, IdParam, PageQuery } from '@app/contracts';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CategoryPage, CategoryResponse, CreateCategoryDto, UpdateCategoryDto } from './categories.dto';
import { CategoriesService } from './categories.service';

@ApiTags('categories')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @ApiOkResponse({ type: CategoryPage })
  list(@Query() query: PageQuery) {
    return this.categories.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<CategoryResponse> {
    return this.categories.get(id);
  }

  @Post()
  @ApiConflictResponse({ type: ErrorResponse })
  create(@Body() dto: CreateCategoryDto): Promise<CategoryResponse> {
    return this.categories.create(dto);
  }

  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse })
  update(@Param() { id }: IdParam, @Body() dto: UpdateCategoryDto): Promise<CategoryResponse> {
    return this.categories.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Products use the category (CATEGORY_IN_USE); the message says how many',
  })
  delete(@Param() { id }: IdParam): Promise<void> {
    return this.categories.delete(id);
  }
}
