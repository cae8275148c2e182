import { ErrorResponse } from '@app/contracts';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProductIdParam } from './product-id.param';
import { LowStockQuery, ProductStockResponse, StockLevelResponse, StockPage, StockQuery, UpdateStockDto } from './stock.dto';
import { StockService } from './stock.service';

@ApiTags('stock')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('stock')
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Get()
  @ApiOkResponse({ type: StockPage })
  list(@Query() query: StockQuery) {
    return this.stock.list(query);
  }

  @Get('low-stock')
  @ApiOkResponse({ type: StockPage })
  lowStock(@Query() query: LowStockQuery) {
    return this.stock.lowStock(query);
  }

  @Get(':product_id')
  @ApiOkResponse({ type: ProductStockResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  forProduct(@Param() { product_id }: ProductIdParam): Promise<ProductStockResponse> {
    return this.stock.forProduct(product_id);
  }

  @Put(':product_id')
  @ApiOkResponse({ type: StockLevelResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown product or location' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'On hand would go below the reserved units' })
  update(@Param() { product_id }: ProductIdParam, @Body() dto: UpdateStockDto): Promise<StockLevelResponse> {
    return this.stock.update(product_id, dto);
  }
}
