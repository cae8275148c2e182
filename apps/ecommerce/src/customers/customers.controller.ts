import { ErrorResponse, IdParam } from '@app/contracts';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateCustomerDto, CustomerPage, CustomerQuery, CustomerResponse, UpdateCustomerDto } from './customers.dto';
import { CustomersService } from './customers.service';

@ApiTags('customers')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @ApiOkResponse({ type: CustomerPage })
  list(@Query() query: CustomerQuery) {
    return this.customers.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<CustomerResponse> {
    return this.customers.get(id);
  }

  @Post()
  @ApiConflictResponse({ type: ErrorResponse, description: 'Email already used' })
  create(@Body() dto: CreateCustomerDto): Promise<CustomerResponse> {
    return this.customers.create(dto);
  }

  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Email already used' })
  update(@Param() { id }: IdParam, @Body() dto: UpdateCustomerDto): Promise<CustomerResponse> {
    return this.customers.update(id, dto);
  }
}
