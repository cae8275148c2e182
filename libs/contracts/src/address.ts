import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsNotBlank } from './not-blank';

/** A structured postal address (a customer's, an order's when not given as one line). */
export class AddressDto {
  @ApiProperty({ example: '12 rue de la Paix' }) @IsString() @IsNotBlank() @Length(1, 200) street!: string;
  @ApiProperty({ example: 'Paris' }) @IsString() @IsNotBlank() @Length(1, 100) city!: string;
  @ApiProperty({ example: '75002' }) @IsString() @IsNotBlank() @Length(1, 20) postal_code!: string;
  @ApiProperty({ example: 'FR' }) @IsString() @IsNotBlank() @Length(2, 2) country!: string;
}
