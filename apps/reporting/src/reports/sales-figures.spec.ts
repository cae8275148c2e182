import { changePercent, divideRounded, ratio, salesFigures } from './sales-figures';

describe(divideRounded.name, () => {
  it.each([
    [1000n, 3n, 333n],
    [1001n, 2n, 501n],
    [1003n, 2n, 502n],
    [-1001n, 2n, -501n],
    [-1000n, 3n, -333n],
    [5n, 0n, 0n],
  ])('%p / %p rounds half away from zero to %p', (numerator, denominator, expected) => {
    expect(divideRounded(numerator, denominator)).toBe(expected);
  });
});

describe(changePercent.name, () => {
  it('gives the change in percent of its base, or null from nothing', () => {
    expect(changePercent(300n, 900n)).toBe(33.33);
    expect(changePercent(-2370n, 1970n)).toBe(-120.3);
    expect(changePercent(100n, 0n)).toBeNull();
  });
});

describe(ratio.name, () => {
  it('keeps four decimals and says null for a zero denominator', () => {
    expect(ratio(1, 8)).toBe(0.125);
    expect(ratio(400n, 1570n)).toBe(0.2548);
    expect(ratio(0, 0)).toBeNull();
  });
});

describe(salesFigures.name, () => {
  it('nets returns out of sales, exactly', () => {
    expect(salesFigures({ gross: 4070n, refunds: 650n, unitsSold: 17, unitsReturned: 2, transactions: 5, returns: 2 })).toEqual({
      gross_revenue: '40.70',
      refunds: '6.50',
      net_revenue: '34.20',
      units_sold: 17,
      units_returned: 2,
      net_units: 15,
      transactions: 5,
      returns: 2,
      average_basket: '8.14',
    });
  });

  it('shows a day of returns only as negative net revenue and a basket of zero', () => {
    expect(salesFigures({ gross: 0n, refunds: 250n, unitsSold: 0, unitsReturned: 1, transactions: 0, returns: 1 })).toMatchObject(
      {
        net_revenue: '-2.50',
        net_units: -1,
        average_basket: '0.00',
      },
    );
  });
});
