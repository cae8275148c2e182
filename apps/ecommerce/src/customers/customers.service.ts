import { Page, pageOfRows } from '@app/contracts';
import { unlessTaken } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { EcommerceErrorCode, EcommerceException } from '../ecommerce.exception';
import { Customer } from './customer.entity';
import { CreateCustomerDto, CustomerQuery, CustomerResponse, UpdateCustomerDto } from './customers.dto';
import { CustomersRepository } from './customers.repository';

@Injectable()
export class CustomersService {
  constructor(private readonly customers: CustomersRepository) {}

  async list(query: CustomerQuery): Promise<Page<CustomerResponse>> {
    return pageOfRows(
      await this.customers.findPage({ search: query.search, limit: query.limit, offset: query.offset }),
      query,
      (row) => this.toResponse(row),
    );
  }

  async get(id: number): Promise<CustomerResponse> {
    return this.toResponse(await this.find(id));
  }

  async create(dto: CreateCustomerDto): Promise<CustomerResponse> {
    const customer = this.customers.create({ name: dto.name, email: dto.email, phone: dto.phone ?? null });
    return this.toResponse(await this.save(customer));
  }

  async update(id: number, dto: UpdateCustomerDto): Promise<CustomerResponse> {
    const customer = await this.find(id);
    return this.toResponse(await this.save(this.customers.merge(customer, dto)));
  }

  private async find(id: number): Promise<Customer> {
    const customer = await this.customers.findById(id);
    if (!customer) throw EcommerceException.notFound(EcommerceErrorCode.CustomerNotFound, 'Customer', id);
    return customer;
  }

  private save(customer: Customer): Promise<Customer> {
    return unlessTaken(
      this.customers.save(customer),
      () => new EcommerceException(EcommerceErrorCode.EmailTaken, `Email ${customer.email} is already used by another customer`),
    );
  }

  private toResponse(customer: Customer): CustomerResponse {
    return {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      created_at: customer.createdAt.toISOString(),
      updated_at: customer.updatedAt.toISOString(),
    };
  }
}
