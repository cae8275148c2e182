import { HttpStatus } from '@nestjs/common';
import { InventoryErrorCode, InventoryException } from './inventory.exception';

describe(InventoryException.name, () => {
  it.each(Object.values(InventoryErrorCode))('maps %s to a client or availability status', (code) => {
    const status = new InventoryException(code, 'x').httpStatus;
    expect([
      HttpStatus.NOT_FOUND,
      HttpStatus.CONFLICT,
      HttpStatus.UNPROCESSABLE_ENTITY,
      HttpStatus.SERVICE_UNAVAILABLE,
    ]).toContain(status);
  });

  it('treats every not-found code as 404', () => {
    const notFound = Object.values(InventoryErrorCode).filter((code) => code.endsWith('_NOT_FOUND'));
    expect(notFound.length).toBeGreaterThan(3);
    for (const code of notFound) expect(new InventoryException(code, 'x').httpStatus).toBe(HttpStatus.NOT_FOUND);
  });
});
