import { CatalogueService } from '@app/catalogue';
import {
  CreateOrderReply,
  EcommercePatterns,
  PlaceOrderCommand,
  PlaceOrderReply,
  ProcessPaymentReply,
  mergeLinesByProduct,
} from '@app/contracts';
import { IdempotentCommands } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { Payment } from '../payments/payment.entity';
import { PaymentCommandsService } from '../payments/payment-commands.service';
import { PaymentProvider } from '../payments/payment-provider';
import { chargedReplyOf, paymentCompletedOf, paymentFieldsOf } from '../payments/payment-view';
import { Order, OrderLine } from './order.entity';
import { OrderCommandsService } from './order-commands.service';
import { newOrderOf, orderViewOf } from './order-view';
import { OrdersRepository } from './orders.repository';

/**
 * `ecommerce.order.place`: createOrder then processPayment as one command, each reply stored under its own key as
 * the two commands store them. The success path reads the prices, then writes everything in one statement; any
 * other case (a refusal, a repeat, a tombstone) is left to the two commands' own code, which answers as they would.
 */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly catalogue: CatalogueService,
    private readonly provider: PaymentProvider,
    private readonly commands: IdempotentCommands,
    private readonly orderCommands: OrderCommandsService,
    private readonly paymentCommands: PaymentCommandsService,
  ) {}

  async place(command: PlaceOrderCommand): Promise<PlaceOrderReply> {
    return (await this.placeAtOnce(command)) ?? (await this.placeStepByStep(command));
  }

  /**
   * What create and process would do on their success paths, in two statements: the prices read, then every write
   * in one (`OrdersRepository.placeAtOnce`). Undefined when it wrote nothing: a product refused, the customer
   * unknown, or a key that has a reply already.
   */
  private async placeAtOnce(command: PlaceOrderCommand): Promise<PlaceOrderReply | undefined> {
    const pricing = await this.catalogue.price(mergeLinesByProduct(command.lines));
    if (!pricing.ok) return undefined;
    const { fields, lines } = newOrderOf(command, pricing);
    // Ids are the statement's to give: 0 until then, and it fills them in where it stores the replies and the event.
    const order = Object.assign(new Order(), fields, {
      id: 0,
      lines: lines.map((line) => Object.assign(new OrderLine(), line, { orderId: 0 })),
    });
    const charge = this.provider.charge(order.total, order.paymentMethod);
    const chargedAt = new Date();
    const payment = Object.assign(new Payment(), paymentFieldsOf(command.payment_key, order, charge), {
      id: 0,
      createdAt: chargedAt,
      updatedAt: chargedAt,
    });
    const replies = () => ({
      order: { outcome: 'CREATED', order: orderViewOf(order) } satisfies CreateOrderReply,
      payment: chargedReplyOf(charge, payment),
    });
    const stored = replies();
    const placed = await this.orders.placeAtOnce(
      order,
      payment,
      {
        order: { pattern: EcommercePatterns.createOrder, reply: stored.order },
        payment: { pattern: EcommercePatterns.processPayment, reply: stored.payment },
      },
      payment.status === 'COMPLETED'
        ? {
            payload: paymentCompletedOf(payment),
            options: { correlationId: command.correlation_id, occurredAt: payment.createdAt },
          }
        : undefined,
    );
    if (!placed) return undefined;
    order.id = payment.orderId = placed.orderId;
    payment.id = placed.paymentId;
    return replies();
  }

  /** Each command as it would answer alone: from its stored reply if it has one, else by its own code. */
  private async placeStepByStep(command: PlaceOrderCommand): Promise<PlaceOrderReply> {
    const order =
      (await this.commands.replyTo<CreateOrderReply>(command.idempotency_key)) ?? (await this.orderCommands.create(command));
    if (order.outcome !== 'CREATED') return { order };
    const payment =
      (await this.commands.replyTo<ProcessPaymentReply>(command.payment_key)) ??
      (await this.paymentCommands.process({
        idempotency_key: command.payment_key,
        order_key: command.idempotency_key,
        correlation_id: command.correlation_id,
      }));
    return { order, payment };
  }
}
