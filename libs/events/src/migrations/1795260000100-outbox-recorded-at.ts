import { MigrationInterface, QueryRunner } from 'typeorm';

/** For every service with an outbox: listed in each one's migrations, run in each one's database. */
export class OutboxRecordedAt1795260000100 implements MigrationInterface {
  name = 'OutboxRecordedAt1795260000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Events already there count from the migration: their delivery lag starts now.
    await queryRunner.query('ALTER TABLE "outbox_events" ADD "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "outbox_events" DROP COLUMN "recorded_at"');
  }
}
