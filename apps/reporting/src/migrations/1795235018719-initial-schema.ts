import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795235018719 implements MigrationInterface {
  name = 'InitialSchema1795235018719';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "products" ("product_id" integer NOT NULL, "sku" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "category_id" integer, "category_name" character varying(100), "price" numeric(12,2) NOT NULL, "active" boolean NOT NULL, "source_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_products" PRIMARY KEY ("product_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9a5f6868c96e0069e699f33e12" ON "products"  ("category_id") `);
    await queryRunner.query(
      `CREATE TABLE "locations" ("location_id" integer NOT NULL, "code" character varying(30), "name" character varying(200), "type" character varying(16), "source_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_locations" PRIMARY KEY ("location_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "stores" ("store_id" integer NOT NULL, "code" character varying(30), "name" character varying(200), "location_id" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, "source_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_stores" PRIMARY KEY ("store_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "stock_levels" ("product_id" integer NOT NULL, "location_id" integer NOT NULL, "on_hand" integer NOT NULL, "reserved" integer NOT NULL, "reorder_level" integer NOT NULL, "version" integer NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_stock_levels" PRIMARY KEY ("product_id", "location_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ff889f98a5594dc3e6a244db35" ON "stock_levels"  ("location_id") `);
    await queryRunner.query(
      `CREATE TABLE "restock_requests" ("restock_request_id" integer NOT NULL, "product_id" integer NOT NULL, "location_id" integer NOT NULL, "quantity" integer NOT NULL, "status" character varying(16) NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_restock_requests" PRIMARY KEY ("restock_request_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "restock_requests_open" ON "restock_requests"  ("requested_at") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE TABLE "sales" ("channel" character varying(8) NOT NULL, "source_id" integer NOT NULL, "store_id" integer, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "day" date NOT NULL, "total" numeric(14,2) NOT NULL, "units" integer NOT NULL, CONSTRAINT "pk_sales" PRIMARY KEY ("channel", "source_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "sales_day" ON "sales"  ("day") `);
    await queryRunner.query(
      `CREATE TABLE "sale_lines" ("id" BIGSERIAL NOT NULL, "channel" character varying(8) NOT NULL, "source_id" integer NOT NULL, "store_id" integer, "day" date NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "product_id" integer NOT NULL, "quantity" integer NOT NULL, "unit_price" numeric(12,2) NOT NULL, "line_total" numeric(14,2) NOT NULL, CONSTRAINT "pk_sale_lines" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "sale_lines_day_store" ON "sale_lines"  ("day", "store_id") `);
    await queryRunner.query(
      `CREATE TABLE "returns" ("channel" character varying(8) NOT NULL, "source_id" integer NOT NULL, "sale_id" integer NOT NULL, "store_id" integer, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "day" date NOT NULL, "total_refund" numeric(14,2) NOT NULL, "units" integer NOT NULL, CONSTRAINT "pk_returns" PRIMARY KEY ("channel", "source_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "returns_day" ON "returns"  ("day") `);
    await queryRunner.query(
      `CREATE TABLE "return_lines" ("id" BIGSERIAL NOT NULL, "channel" character varying(8) NOT NULL, "source_id" integer NOT NULL, "store_id" integer, "day" date NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "product_id" integer NOT NULL, "quantity" integer NOT NULL, "refund" numeric(14,2) NOT NULL, CONSTRAINT "pk_return_lines" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "return_lines_day_store" ON "return_lines"  ("day", "store_id") `);
    await queryRunner.query(
      `CREATE TABLE "channel_totals" ("channel" character varying(8) NOT NULL, "orders" bigint NOT NULL, "units_sold" bigint NOT NULL, "gross_revenue" numeric(16,2) NOT NULL, CONSTRAINT "pk_channel_totals" PRIMARY KEY ("channel"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "type" character varying(100) NOT NULL, "version" integer NOT NULL, "payload" jsonb NOT NULL, "correlation_id" character varying(128), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "pending_for" text array NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, CONSTRAINT "UQ_a82c439f9dab57e098be1d83291" UNIQUE ("event_id"), CONSTRAINT "pk_outbox_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_events_pending" ON "outbox_events"  ("next_attempt_at") WHERE cardinality("pending_for") > 0`,
    );
    await queryRunner.query(
      `CREATE TABLE "processed_events" ("event_id" uuid NOT NULL, "type" character varying(100) NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_processed_events" PRIMARY KEY ("event_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "event_log" ("seq" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "type" character varying(100) NOT NULL, "version" integer NOT NULL, "source" character varying(40) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "correlation_id" character varying(128), "payload" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5e2189467cdc0b63a5a2b200c1c" UNIQUE ("event_id"), CONSTRAINT "pk_event_log" PRIMARY KEY ("seq"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_log"`);
    await queryRunner.query(`DROP TABLE "processed_events"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_events_pending"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
    await queryRunner.query(`DROP TABLE "channel_totals"`);
    await queryRunner.query(`DROP INDEX "public"."return_lines_day_store"`);
    await queryRunner.query(`DROP TABLE "return_lines"`);
    await queryRunner.query(`DROP INDEX "public"."returns_day"`);
    await queryRunner.query(`DROP TABLE "returns"`);
    await queryRunner.query(`DROP INDEX "public"."sale_lines_day_store"`);
    await queryRunner.query(`DROP TABLE "sale_lines"`);
    await queryRunner.query(`DROP INDEX "public"."sales_day"`);
    await queryRunner.query(`DROP TABLE "sales"`);
    await queryRunner.query(`DROP INDEX "public"."restock_requests_open"`);
    await queryRunner.query(`DROP TABLE "restock_requests"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ff889f98a5594dc3e6a244db35"`);
    await queryRunner.query(`DROP TABLE "stock_levels"`);
    await queryRunner.query(`DROP TABLE "stores"`);
    await queryRunner.query(`DROP TABLE "locations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9a5f6868c96e0069e699f33e12"`);
    await queryRunner.query(`DROP TABLE "products"`);
  }
}
