import { ErrorResponse } from '@app/contracts';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CartIdParam, CartPage, CartQuery, CartResponse, CheckoutDto, CreateCartDto, ReplaceCartLinesDto } from './carts.dto';
import { CartsService } from './carts.service';
import { SagaAccepted } from './order-processing.client';

@ApiTags('carts')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('carts')
export class CartsController {
  constructor(private readonly carts: CartsService) {}

  @Get()
  @ApiOkResponse({ type: CartPage })
  list(@Query() query: CartQuery) {
    return this.carts.list(query);
  }

  @Get(':cart_id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { cart_id }: CartIdParam): Promise<CartResponse> {
    return this.carts.get(cart_id);
  }

  @Post()
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown customer' })
  create(@Body() dto: CreateCartDto): Promise<CartResponse> {
    return this.carts.create(dto);
  }

  @Put(':cart_id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'A product is unknown or no longer sold' })
  replaceLines(@Param() { cart_id }: CartIdParam, @Body() dto: ReplaceCartLinesDto): Promise<CartResponse> {
    return this.carts.replaceLines(cart_id, dto);
  }

  @Post(':cart_id/checkout')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: "The saga orchestrator's answer, passed on: the order-processing saga for this cart" })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'Empty cart, a product no longer sold, or refused by order processing',
  })
  @ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'The saga orchestrator is unreachable or failing' })
  checkout(@Param() { cart_id }: CartIdParam, @Body() dto: CheckoutDto, @Req() request: FastifyRequest): Promise<SagaAccepted> {
    return this.carts.checkout(cart_id, dto, request.id);
  }
}
