import { IsNotBlank, IsOptionalField, PageMeta, PageQuery } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length } from 'class-validator';

const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);

export class CreateCustomerDto {
  @ApiProperty({ example: 'Camille Martin' }) @IsString() @IsNotBlank() @Length(1, 200) name!: string;

  @ApiProperty({ example: 'camille.martin@example.com', description: 'Unique without regard to case; stored lower-case' })
  @Transform(lowerCase)
  @IsNotBlank()
  @IsEmail()
  @Length(3, 254)
  email!: string;

  @ApiPropertyOptional({ example: '+33 6 12 34 56 78' })
  @IsOptionalField()
  @IsString()
  @IsNotBlank()
  @Length(1, 50)
  phone?: string;
}

export class UpdateCustomerDto extends PartialType(CreateCustomerDto, { skipNullProperties: false }) {}

export class CustomerQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Matches name or email, case-insensitive' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  search?: string;
}

export class CustomerResponse {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class CustomerPage extends PageMeta {
  @ApiProperty({ type: [CustomerResponse] }) data!: CustomerResponse[];
}
