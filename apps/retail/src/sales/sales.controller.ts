import { ErrorResponse, IdParam } from '@app/contracts';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CreateSaleDto, SaleDetailResponse, SalePage, SaleQuery, SaleResponse } from './sales.dto';
import { SalesService } from './sales.service';

@ApiTags('sales')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('sales')
export class SalesController {
  constructor(private readonly sales: SalesService) {}

  @Get()
  @ApiOkResponse({ type: SalePage })
  list(@Query() query: SaleQuery) {
    return this.sales.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: SaleDetailResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<SaleDetailResponse> {
    return this.sales.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: SaleResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown store or cash register' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'Inactive store or register, register of another store, unknown or inactive product',
  })
  record(@Body() dto: CreateSaleDto): Promise<SaleResponse> {
    return this.sales.record(dto);
  }
}
