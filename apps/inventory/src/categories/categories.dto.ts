import { IsNotBlank, IsOptionalField, PageMeta } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateCategoryDto {
  @ApiProperty({ example: 'Beverages' }) @IsString() @IsNotBlank() @Length(1, 100) name!: string;
  @ApiPropertyOptional() @IsOptionalField() @IsString() @Length(0, 2000) description?: string;
}

export class UpdateCategoryDto extends PartialType(CreateCategoryDto, { skipNullProperties: false }) {}

export class CategoryResponse {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() created_at!: string;
}

export class CategoryPage extends PageMeta {
  @ApiProperty({ type: [CategoryResponse] }) data!: CategoryResponse[];
}
