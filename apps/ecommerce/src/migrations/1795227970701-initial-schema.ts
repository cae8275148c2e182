import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795227970701 implements MigrationInterface {
  name = 'InitialSchema1795227970701';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "outbox_events" ("id" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "type" character varying(100) NOT NULL, "version" integer NOT NULL, "payload" jsonb NOT NULL, "correlation_id" character varying(128), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "pending_for" text array NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, CONSTRAINT "UQ_a82c439f9dab57e098be1d83291" UNIQUE ("event_id"), CONSTRAINT "pk_outbox_events" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "outbox_events_pending" ON "outbox_events"  ("next_attempt_at") WHERE cardinality("pending_for") > 0',
    );
    await queryRunner.query(
      'CREATE TABLE "processed_events" ("event_id" uuid NOT NULL, "type" character varying(100) NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_processed_events" PRIMARY KEY ("event_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "catalogue_products" ("product_id" integer NOT NULL, "sku" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "category_id" integer, "category_name" character varying(100), "price" numeric(12,2) NOT NULL, "active" boolean NOT NULL, "source_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_catalogue_products" PRIMARY KEY ("product_id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "catalogue_products"');
    await queryRunner.query('DROP TABLE "processed_events"');
    await queryRunner.query('DROP INDEX "public"."outbox_events_pending"');
    await queryRunner.query('DROP TABLE "outbox_events"');
  }
}
