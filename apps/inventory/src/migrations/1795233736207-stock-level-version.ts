import { MigrationInterface, QueryRunner } from 'typeorm';

export class StockLevelVersion1795233736207 implements MigrationInterface {
  name = 'StockLevelVersion1795233736207';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stock_levels" ADD "version" integer NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stock_levels" DROP COLUMN "version"`);
  }
}
