import { mergeLines } from './reservations.service';

describe(mergeLines.name, () => {
  it('adds up repeated products and sorts by product so locks are always taken in one order', () => {
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
});
