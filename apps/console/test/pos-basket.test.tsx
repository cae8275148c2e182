import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { addProduct, setQuantity } from '../src/lib/basket';
import { Basket } from '../src/screens/pos/Basket';
import { renderInApp } from './render';

const cola = { id: 1, sku: 'BEV-COLA-33', name: 'Cola 33cl', price: '1.20' };
const water = { id: 2, sku: 'BEV-WATER-150', name: 'Still water 1.5l', price: '0.65' };

function renderBasket(lines = addProduct(addProduct([], cola, 3), water), lineErrors: Record<number, string> = {}) {
  const handlers = { onQuantity: vi.fn(), onRemove: vi.fn(), onClear: vi.fn(), onRecord: vi.fn() };
  renderInApp(<Basket lines={lines} lineErrors={lineErrors} recording={false} canRecord {...handlers} />);
  return handlers;
}

describe('Basket', () => {
  it('shows each line and the total computed in cents, and records the sale', () => {
    const handlers = renderBasket();
    expect(screen.getByRole('textbox', { name: 'Quantity of Cola 33cl' })).toHaveValue('3');
    expect(screen.getByText('4 items')).toBeInTheDocument();
    expect(screen.getByTestId('basket-total').textContent).toMatch(/4\.25/);
    fireEvent.click(screen.getByRole('button', { name: 'Record sale' }));
    expect(handlers.onRecord).toHaveBeenCalled();
  });

  it('changes quantities with + and −, and removes a line', () => {
    const handlers = renderBasket();
    fireEvent.click(screen.getByRole('button', { name: 'One more Cola 33cl' }));
    expect(handlers.onQuantity).toHaveBeenCalledWith(1, 4);
    fireEvent.click(screen.getByRole('button', { name: 'One fewer Cola 33cl' }));
    expect(handlers.onQuantity).toHaveBeenCalledWith(1, 2);
    expect(screen.getByRole('button', { name: 'One fewer Still water 1.5l' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove Still water 1.5l' }));
    expect(handlers.onRemove).toHaveBeenCalledWith(2);
  });

  it('refuses to record a basket with a wrong quantity, saying why on the line', () => {
    renderBasket(setQuantity(addProduct([], cola), 1, 1001));
    expect(screen.getByText('At most 1000.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Record sale' })).toBeDisabled();
  });

  it("shows the API's refusal against its line", () => {
    renderBasket(addProduct([], cola), { 1: 'Product 1 is no longer sold' });
    expect(screen.getByText('Product 1 is no longer sold')).toBeInTheDocument();
  });

  it('says when the basket is empty and does not offer to record it', () => {
    renderBasket([]);
    expect(screen.getByText('The basket is empty: find a product to add it.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Record sale' })).toBeDisabled();
  });
});
