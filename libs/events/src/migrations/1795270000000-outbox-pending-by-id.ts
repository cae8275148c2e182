import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For every service with an outbox: the relay takes the oldest pending events (ORDER BY id LIMIT n). With only the
 * index by next attempt, PostgreSQL walked the primary key through every delivered event still kept (42 ms a pass
 * with 22,000 of them, the largest statement cost of a saga); this index holds the pending events only, in id order.
 */
export class OutboxPendingById1795270000000 implements MigrationInterface {
  name = 'OutboxPendingById1795270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "outbox_events_pending_by_id" ON "outbox_events" ("id") WHERE cardinality("pending_for") > 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."outbox_events_pending_by_id"');
  }
}
