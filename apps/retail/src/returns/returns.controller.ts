import { ErrorResponse, IdParam } from '@app/contracts';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateReturnDto, ReturnPage, ReturnQuery, ReturnResponse } from './returns.dto';
import { ReturnsService } from './returns.service';

@ApiTags('returns')
@ApiBadRequestResponse({
  type: ErrorResponse,
  description: 'Also: a product not in the sale, or more than can still be returned',
})
@Controller('returns')
export class ReturnsController {
  constructor(private readonly returns: ReturnsService) {}

  @Get()
  @ApiOkResponse({ type: ReturnPage })
  list(@Query() query: ReturnQuery) {
    return this.returns.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ReturnResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<ReturnResponse> {
    return this.returns.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: ReturnResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown sale' })
  create(@Body() dto: CreateReturnDto): Promise<ReturnResponse> {
    return this.returns.create(dto);
  }
}
