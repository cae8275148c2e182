import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors';
import { ProductForm, initialValues, productRequest } from '../src/screens/catalogue/ProductForm';
import { productsInUse } from '../src/screens/catalogue/in-use';
import { emailProblem, maxLength, normalisePrice, priceProblem, requiredText, skuProblem } from '../src/screens/catalogue/rules';
import { renderInApp } from './render';

// Mantine's autosize Textarea listens to document.fonts, which jsdom lacks.
Object.defineProperty(document, 'fonts', {
  configurable: true,
  value: { addEventListener: () => undefined, removeEventListener: () => undefined },
});

describe('the catalogue rules (as the API applies them)', () => {
  it('refuses a blank text, spaces and invisible characters included, and a too long one', () => {
    expect(requiredText('', 200)).toEqual({ key: 'validation.required' });
    expect(requiredText('   \u00a0\u200b', 200)).toEqual({ key: 'validation.required' });
    expect(requiredText('x'.repeat(201), 200)).toEqual({ key: 'validation.maxLength', values: { max: 200 } });
    expect(requiredText(' Cola', 200)).toBeUndefined(); // kept as given, as the API does
    expect(maxLength('', 2000)).toBeUndefined();
  });

  it('takes a SKU of 1-64 letters, digits, dots, dashes or underscores', () => {
    expect(skuProblem('BEV-COLA_33.v2')).toBeUndefined();
    expect(skuProblem(' ')).toEqual({ key: 'validation.required' });
    expect(skuProblem('-COLA')).toEqual({ key: 'validation.sku' });
    expect(skuProblem('COLA 33')).toEqual({ key: 'validation.sku' });
    expect(skuProblem('A'.repeat(65))).toEqual({ key: 'validation.sku' });
  });

  it('takes a price as a decimal with at most 2 places, a French comma included', () => {
    expect(priceProblem('12')).toBeUndefined();
    expect(priceProblem('12.5')).toBeUndefined();
    expect(priceProblem('12,50')).toBeUndefined();
    expect(normalisePrice(' 12,50 ')).toBe('12.50');
    expect(priceProblem('1.234')).toEqual({ key: 'validation.price' });
    expect(priceProblem('-1')).toEqual({ key: 'validation.price' });
    expect(priceProblem('1e3')).toEqual({ key: 'validation.price' });
    expect(priceProblem('')).toEqual({ key: 'validation.required' });
  });

  it('takes an email address, optional where the API allows it', () => {
    expect(emailProblem('a@example.com')).toBeUndefined();
    expect(emailProblem('a@example')).toEqual({ key: 'validation.email' });
    expect(emailProblem('', false)).toBeUndefined();
    expect(emailProblem('')).toEqual({ key: 'validation.required' });
  });

  it('sends a new product without its empty choices, and a change with its description emptied', () => {
    const values = { ...initialValues(), sku: 'X-1', name: 'X', price: '2,5' };
    expect(productRequest(values, false)).toEqual({ sku: 'X-1', name: 'X', price: '2.5', active: true });
    expect(productRequest({ ...values, category_id: '3' }, true)).toEqual({
      sku: 'X-1',
      name: 'X',
      price: '2.5',
      active: true,
      category_id: 3,
      description: '',
    });
  });

  it("reads how many products keep a category from being deleted, from the API's 409", () => {
    const error = new ApiError('conflict', 409, 'Category 1 cannot be deleted: 5 products use this category', {
      code: 'CATEGORY_IN_USE',
    });
    expect(productsInUse(error)).toBe(5);
    expect(productsInUse(new ApiError('conflict', 409, 'SKU X is already used', { code: 'SKU_TAKEN' }))).toBeUndefined();
  });
});

describe(ProductForm.name, () => {
  it('shows each problem on its field before sending anything', async () => {
    renderInApp(<ProductForm categories={[]} suppliers={[]} onClose={() => undefined} onSaved={() => undefined} />);
    fireEvent.change(await screen.findByRole('textbox', { name: /SKU/ }), { target: { value: 'BAD SKU' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), { target: { value: '   ' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Price/ }), { target: { value: '1.999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /SKU/ })).toHaveAccessibleDescription(/Use 1 to 64 letters/));
    expect(screen.getByRole('textbox', { name: /Name/ })).toHaveAccessibleDescription(/must not be empty or only spaces/);
    expect(screen.getByRole('textbox', { name: /Price/ })).toHaveAccessibleDescription(/at most 2 decimal places/);
  });
});
