import { ErrorResponse, IdParam } from '@app/contracts';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CreateProductDto, ProductPage, ProductQuery, ProductResponse, UpdateProductDto } from './products.dto';
import { ProductsService } from './products.service';

@ApiTags('products')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOkResponse({ type: ProductPage })
  list(@Query() query: ProductQuery) {
    return this.products.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<ProductResponse> {
    return this.products.get(id);
  }

  @Post()
  @ApiConflictResponse({ type: ErrorResponse, description: 'SKU already used' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown category or supplier' })
  create(@Body() dto: CreateProductDto): Promise<ProductResponse> {
    return this.products.create(dto);
  }

  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse })
  update(@Param() { id }: IdParam, @Body() dto: UpdateProductDto): Promise<ProductResponse> {
    return this.products.update(id, dto);
  }

  /** Deactivates: products stay referenced by past sales and orders, so they are never deleted. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  deactivate(@Param() { id }: IdParam): Promise<void> {
    return this.products.deactivate(id);
  }
}
