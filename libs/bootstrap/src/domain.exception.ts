import { HttpStatus } from '@nestjs/common';

/**
 * Base of each service's one exception class. The service maps its code enum to an HTTP
 * status with an exhaustive switch; the global filter does the rest.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  protected constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  abstract get httpStatus(): HttpStatus;
}
