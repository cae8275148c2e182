import { IsNotBlank, IsOptionalField, PageMeta } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsString, Length } from 'class-validator';

export class CreateSupplierDto {
  @ApiProperty({ example: 'Acme Foods' }) @IsString() @IsNotBlank() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ example: 'orders@acme.example' }) @IsOptionalField() @IsNotBlank() @IsEmail() email?: string;
  @ApiPropertyOptional({ example: '+33 1 23 45 67 89' })
  @IsOptionalField()
  @IsString()
  @IsNotBlank()
  @Length(1, 50)
  phone?: string;
}

export class UpdateSupplierDto extends PartialType(CreateSupplierDto, { skipNullProperties: false }) {}

export class SupplierResponse {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty() created_at!: string;
}

export class SupplierPage extends PageMeta {
  @ApiProperty({ type: [SupplierResponse] }) data!: SupplierResponse[];
}
