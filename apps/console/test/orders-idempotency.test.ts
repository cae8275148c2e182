import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors';
import { type OrderFormValues, orderFieldErrors, orderRequest } from '../src/screens/orders/NewOrderView';
import { useIdempotencyKey } from '../src/screens/orders/idempotency';

const values: OrderFormValues = {
  customer: 123,
  lines: [{ product: '5', quantity: 2 }],
  shipping: '1 Main St',
  sameAddress: true,
  billing: '',
  payment: 'credit_card',
};

describe('the Idempotency-Key of a submitted order', () => {
  it('is the same for the same order submitted twice (a double click), new for a changed one', () => {
    const { result } = renderHook(() => useIdempotencyKey());
    const order = { customerId: 123, order: orderRequest(values) };
    let first = '';
    let again = '';
    let changed = '';
    act(() => {
      first = result.current(order);
      again = result.current({ customerId: 123, order: orderRequest({ ...values }) });
      changed = result.current({ customerId: 123, order: orderRequest({ ...values, lines: [{ product: '5', quantity: 3 }] }) });
    });
    expect(again).toBe(first);
    expect(changed).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('differs between two forms (two orders placed one after the other)', () => {
    const one = renderHook(() => useIdempotencyKey()).result.current;
    const two = renderHook(() => useIdempotencyKey()).result.current;
    expect(one(values)).not.toBe(two(values));
  });
});

describe('the order request', () => {
  it('bills the shipping address unless told otherwise', () => {
    expect(orderRequest(values)).toEqual({
      products: [{ product_id: 5, quantity: 2 }],
      shipping_address: '1 Main St',
      billing_address: '1 Main St',
      payment_method: 'credit_card',
    });
    expect(orderRequest({ ...values, sameAddress: false, billing: '2 Side St' }).billing_address).toBe('2 Side St');
  });

  it("puts a 400's problems on the form's fields", () => {
    const error = new ApiError('validation', 400, 'Validation failed', {
      fields: [
        { field: 'products.0.quantity', problems: ['quantity must not be greater than 100000'] },
        { field: 'billing_address', problems: ['billing_address must not be empty or blank'] },
      ],
    });
    expect(orderFieldErrors(error, true)).toEqual({
      'lines.0.quantity': 'quantity must not be greater than 100000',
      shipping: 'billing_address must not be empty or blank',
    });
    expect(orderFieldErrors(error, false)).toHaveProperty('billing');
  });
});
