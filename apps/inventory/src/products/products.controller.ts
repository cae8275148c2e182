import { ErrorResponse, IdParam } from '@app/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ProductCacheInterceptor } from './product-cache';
import { CreateProductDto, ProductPage, ProductQuery, ProductResponse, UpdateProductDto } from './products.dto';
import { ProductsService } from './products.service';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

@ApiTags('products')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  // The reads answer JSON text (cached as such), which Fastify sends as it is, given this content type.
  @Get()
  @UseInterceptors(ProductCacheInterceptor)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @ApiOkResponse({ type: ProductPage })
  list(@Query() query: ProductQuery): Promise<string> {
    return this.products.list(query);
  }

  @Get(':id')
  @UseInterceptors(ProductCacheInterceptor)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @ApiOkResponse({ type: ProductResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<string> {
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
