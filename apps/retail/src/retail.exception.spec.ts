import { HttpStatus } from '@nestjs/common';
import { RetailErrorCode, RetailException } from './retail.exception';

describe(RetailException.name, () => {
  it.each(Object.values(RetailErrorCode))('maps %s to a client error status', (code) => {
    const status = new RetailException(code, 'x').httpStatus;
    expect([HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY]).toContain(status);
  });

  it('treats every not-found code as 404 and every taken code as 409', () => {
    const codes = Object.values(RetailErrorCode);
    const notFound = codes.filter((code) => code.endsWith('_NOT_FOUND'));
    const taken = codes.filter((code) => code.endsWith('_TAKEN'));
    expect(notFound).toHaveLength(4);
    expect(taken).toHaveLength(2);
    for (const code of notFound) expect(new RetailException(code, 'x').httpStatus).toBe(HttpStatus.NOT_FOUND);
    for (const code of taken) expect(new RetailException(code, 'x').httpStatus).toBe(HttpStatus.CONFLICT);
  });
});
