import { MigrationInterface, QueryRunner } from 'typeorm';

/** Step and compensation attempts that went well are SUCCESS, the seed document's word (was SUCCEEDED). */
export class StepStatusSuccess1795240000000 implements MigrationInterface {
  name = 'StepStatusSuccess1795240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "saga_log" SET "status" = 'SUCCESS' WHERE "status" = 'SUCCEEDED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "saga_log" SET "status" = 'SUCCEEDED' WHERE "status" = 'SUCCESS'`);
  }
}
