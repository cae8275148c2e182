import { mergeLines } from './merge-lines';

describe(mergeLines.name, () => {
  it('adds up repeated products and sorts by product', () => {
    expect(
      mergeLines([
        { product_id: 7, quantity: 1 },
        { product_id: 3, quantity: 2 },
        { product_id: 7, quantity: 4 },
      ]),
    ).toEqual([
      { product_id: 3, quantity: 2 },
      { product_id: 7, quantity: 5 },
    ]);
  });

  it('keeps an empty list empty', () => {
    expect(mergeLines([])).toEqual([]);
  });
});
