import { HttpStatus } from '@nestjs/common';
import { EcommerceErrorCode, EcommerceException } from './ecommerce.exception';

describe(EcommerceException.name, () => {
  it.each(Object.values(EcommerceErrorCode))('maps %s to a client or availability status', (code) => {
    const status = new EcommerceException(code, 'x').httpStatus;
    expect([
      HttpStatus.NOT_FOUND,
      HttpStatus.METHOD_NOT_ALLOWED,
      HttpStatus.CONFLICT,
      HttpStatus.UNPROCESSABLE_ENTITY,
      HttpStatus.SERVICE_UNAVAILABLE,
    ]).toContain(status);
  });

  it('treats every not-found code as 404', () => {
    const notFound = Object.values(EcommerceErrorCode).filter((code) => code.endsWith('_NOT_FOUND'));
    expect(notFound.length).toBeGreaterThan(4);
    for (const code of notFound) expect(new EcommerceException(code, 'x').httpStatus).toBe(HttpStatus.NOT_FOUND);
  });
});
