import { ErrorResponse, IdParam } from '@app/contracts';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CashRegisterPage,
  CashRegisterQuery,
  CashRegisterResponse,
  CreateCashRegisterDto,
  UpdateCashRegisterDto,
} from './cash-registers.dto';
import { CashRegistersService } from './cash-registers.service';

@ApiTags('cash-registers')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('cash-registers')
export class CashRegistersController {
  constructor(private readonly registers: CashRegistersService) {}

  @Get()
  @ApiOkResponse({ type: CashRegisterPage })
  list(@Query() query: CashRegisterQuery) {
    return this.registers.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<CashRegisterResponse> {
    return this.registers.get(id);
  }

  @Post()
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown store' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The store already has a register with this code' })
  create(@Body() dto: CreateCashRegisterDto): Promise<CashRegisterResponse> {
    return this.registers.create(dto);
  }

  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  update(@Param() { id }: IdParam, @Body() dto: UpdateCashRegisterDto): Promise<CashRegisterResponse> {
    return this.registers.update(id, dto);
  }
}
