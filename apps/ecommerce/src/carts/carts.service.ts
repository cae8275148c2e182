import { CatalogueService } from '@app/catalogue';
import { RequestValidationException } from '@app/bootstrap';
import { Page, StockLine, cents, money, pageOf, mergeLinesByProduct } from '@app/contracts';
import { Transaction, UnitOfWork } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { CustomersRepository } from '../customers/customers.repository';
import { EcommerceErrorCode, EcommerceException } from '../ecommerce.exception';
import { Cart } from './cart.entity';
import { CartQuery, CartResponse, CheckoutDto, CreateCartDto, MAX_CART_QUANTITY, ReplaceCartLinesDto } from './carts.dto';
import { CartsRepository } from './carts.repository';
import { OrderProcessingClient, SagaAccepted } from './order-processing.client';

@Injectable()
export class CartsService {
  constructor(
    private readonly carts: CartsRepository,
    private readonly customers: CustomersRepository,
    private readonly catalogue: CatalogueService,
    private readonly orderProcessing: OrderProcessingClient,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: CartQuery): Promise<Page<CartResponse>> {
    const [rows, total] = await this.carts.findPage({ customerId: query.customer_id, limit: query.limit, offset: query.offset });
    return pageOf(await this.toResponses(rows), total, query);
  }

  async get(id: number): Promise<CartResponse> {
    const [response] = await this.toResponses([await this.find(id)]);
    return response;
  }

  async create(dto: CreateCartDto): Promise<CartResponse> {
    if (!(await this.customers.exists(dto.customer_id))) {
      throw EcommerceException.notFound(EcommerceErrorCode.CustomerNotFound, 'Customer', dto.customer_id);
    }
    const [response] = await this.toResponses([await this.carts.create(dto.customer_id)]);
    return response;
  }

  async replaceLines(id: number, dto: ReplaceCartLinesDto): Promise<CartResponse> {
    const lines = mergeLinesByProduct(dto.lines);
    const overfull = lines.find((line) => line.quantity > MAX_CART_QUANTITY);
    if (overfull) {
      const problem = `product ${overfull.product_id} adds up to ${overfull.quantity} units; at most ${MAX_CART_QUANTITY} are allowed`;
      throw new RequestValidationException([{ field: 'lines', problems: [problem] }]);
    }
    await this.unitOfWork.run(async (tx) => {
      if (!(await this.carts.lock(tx, id))) throw EcommerceException.notFound(EcommerceErrorCode.CartNotFound, 'Cart', id);
      await this.requireSellable(lines, tx);
      await this.carts.replaceLines(tx, id, lines);
    });
    return this.get(id);
  }

  /** Hands the cart to the saga orchestrator; the cart's id makes a repeated checkout find the first saga. */
  async checkout(id: number, dto: CheckoutDto, correlationId: string): Promise<SagaAccepted> {
    const cart = await this.find(id);
    if (cart.lines.length === 0)
      throw new EcommerceException(EcommerceErrorCode.CartEmpty, `Cart ${id} is empty: add lines before checking out`);
    const products = cart.lines.map((line) => ({ product_id: line.productId, quantity: line.quantity }));
    await this.requireSellable(products);
    return this.orderProcessing.start(
      cart.customerId,
      {
        products,
        shipping_address: dto.shipping_address,
        billing_address: dto.billing_address,
        payment_method: dto.payment_method,
      },
      { idempotencyKey: `cart-${cart.id}-checkout`, correlationId },
    );
  }

  private async find(id: number): Promise<Cart> {
    const cart = await this.carts.findById(id);
    if (!cart) throw EcommerceException.notFound(EcommerceErrorCode.CartNotFound, 'Cart', id);
    return cart;
  }

  private async requireSellable(lines: StockLine[], tx?: Transaction): Promise<void> {
    const pricing = await this.catalogue.price(lines, tx);
    if (pricing.ok) return;
    if (pricing.reason === 'UNKNOWN_PRODUCT') {
      throw new EcommerceException(EcommerceErrorCode.UnknownProduct, `Product ${pricing.product_id} is not in the catalogue`);
    }
    throw new EcommerceException(EcommerceErrorCode.InactiveProduct, `Product ${pricing.product_id} is no longer sold`);
  }

  /** Prices at read time; a product withdrawn since it was put in the cart leaves its line unpriced. */
  private async toResponses(carts: Cart[]): Promise<CartResponse[]> {
    const prices = await this.carts.pricesOf(carts.flatMap((cart) => cart.lines.map((line) => line.productId)));
    return carts.map((cart) => {
      let total = 0n;
      const lines = cart.lines.map((line) => {
        const unitPrice = prices.get(line.productId);
        if (unitPrice === undefined)
          return { product_id: line.productId, quantity: line.quantity, unit_price: null, line_total: null, available: false };
        const lineTotal = cents(unitPrice) * BigInt(line.quantity);
        total += lineTotal;
        return {
          product_id: line.productId,
          quantity: line.quantity,
          unit_price: unitPrice,
          line_total: money(lineTotal),
          available: true,
        };
      });
      const { id, customerId, createdAt, updatedAt } = cart;
      return {
        id,
        customer_id: customerId,
        lines,
        total: money(total),
        created_at: createdAt.toISOString(),
        updated_at: updatedAt.toISOString(),
      };
    });
  }
}
