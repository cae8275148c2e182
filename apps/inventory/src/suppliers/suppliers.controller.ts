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
import { CreateSupplierDto, SupplierPage, SupplierResponse, UpdateSupplierDto } from './suppliers.dto';
import { SuppliersService } from './suppliers.service';

@ApiTags('suppliers')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Get()
  @ApiOkResponse({ type: SupplierPage })
  list(@Query() query: PageQuery) {
    return this.suppliers.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<SupplierResponse> {
    return this.suppliers.get(id);
  }

  @Post()
  create(@Body() dto: CreateSupplierDto): Promise<SupplierResponse> {
    return this.suppliers.create(dto);
  }

  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  update(@Param() { id }: IdParam, @Body() dto: UpdateSupplierDto): Promise<SupplierResponse> {
    return this.suppliers.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Products use the supplier (SUPPLIER_IN_USE); the message says how many',
  })
  delete(@Param() { id }: IdParam): Promise<void> {
    return this.suppliers.delete(id);
  }
}
