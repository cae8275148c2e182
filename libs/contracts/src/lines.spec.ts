import { mergeLines, mergeLinesByProduct } from './lines';

const lines = [
  { product_id: 7, quantity: 1 },
  { product_id: 3, quantity: 2 },
  { product_id: 7, quantity: 4 },
];

describe(mergeLines.name, () => {
  it('adds up repeated products in the order first given', () => {
    expect(mergeLines(lines)).toEqual([
      { product_id: 7, quantity: 5 },
      { product_id: 3, quantity: 2 },
    ]);
  });

  it('keeps an empty list empty', () => {
    expect(mergeLines([])).toEqual([]);
  });
});

describe(mergeLinesByProduct.name, () => {
  it('adds up repeated products and sorts by product', () => {
    expect(mergeLinesByProduct(lines)).toEqual([
      { product_id: 3, quantity: 2 },
      { product_id: 7, quantity: 5 },
    ]);
  });
});
