import { MigrationInterface, QueryRunner } from 'typeorm';

export class EcommerceDomain1795228287998 implements MigrationInterface {
  name = 'EcommerceDomain1795228287998';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "processed_commands" ("idempotency_key" character varying(200) NOT NULL, "pattern" character varying(100) NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_processed_commands" PRIMARY KEY ("idempotency_key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "customers" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "email" character varying(254) NOT NULL, "phone" character varying(50), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8536b8b85c06969f84f0c098b03" UNIQUE ("email"), CONSTRAINT "pk_customers" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "carts" ("id" SERIAL NOT NULL, "customer_id" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_carts" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_5a9dade7a4baafc128f8e0d804" ON "carts"  ("customer_id") ');
    await queryRunner.query(
      'CREATE TABLE "cart_lines" ("cart_id" integer NOT NULL, "product_id" integer NOT NULL, "quantity" integer NOT NULL, CONSTRAINT "cart_lines_quantity" CHECK ("quantity" BETWEEN 1 AND 1000), CONSTRAINT "pk_cart_lines" PRIMARY KEY ("cart_id", "product_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "orders" ("id" SERIAL NOT NULL, "order_key" character varying(200) NOT NULL, "saga_id" character varying(200) NOT NULL, "customer_id" integer NOT NULL, "status" character varying(16) NOT NULL, "total" numeric(14,2) NOT NULL, "payment_method" character varying(20) NOT NULL, "shipping_address" jsonb NOT NULL, "billing_address" jsonb NOT NULL, "cancel_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_2d02404bfb25e965f98e9a075c2" UNIQUE ("order_key"), CONSTRAINT "pk_orders" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_772d0ce0473ac2ccfa26060dbe" ON "orders"  ("customer_id") ');
    await queryRunner.query(
      'CREATE TABLE "order_lines" ("order_id" integer NOT NULL, "product_id" integer NOT NULL, "quantity" integer NOT NULL, "unit_price" numeric(12,2) NOT NULL, "line_total" numeric(14,2) NOT NULL, CONSTRAINT "order_lines_quantity" CHECK ("quantity" > 0), CONSTRAINT "pk_order_lines" PRIMARY KEY ("order_id", "product_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "payments" ("id" SERIAL NOT NULL, "payment_key" character varying(200) NOT NULL, "order_id" integer NOT NULL, "amount" numeric(14,2) NOT NULL, "method" character varying(20) NOT NULL, "status" character varying(16) NOT NULL, "decline_reason" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "refunded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_65cfdd66e9b0ac854c99edcb5ad" UNIQUE ("payment_key"), CONSTRAINT "REL_b2f7b823a21562eeca20e72b00" UNIQUE ("order_id"), CONSTRAINT "pk_payments" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "shipments" ("id" SERIAL NOT NULL, "order_id" integer NOT NULL, "status" character varying(16) NOT NULL, "tracking_number" character varying(32) NOT NULL, "shipping_address" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_e148d569550cfa0295ccf237066" UNIQUE ("tracking_number"), CONSTRAINT "REL_e86fac2a18a75dcb82bfbb23f4" UNIQUE ("order_id"), CONSTRAINT "pk_shipments" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "carts" ADD CONSTRAINT "FK_5a9dade7a4baafc128f8e0d8041" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "cart_lines" ADD CONSTRAINT "FK_41ddbb6bf3c82ea6ad0f9fe0353" FOREIGN KEY ("cart_id") REFERENCES "carts"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" ADD CONSTRAINT "FK_772d0ce0473ac2ccfa26060dbe9" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "order_lines" ADD CONSTRAINT "FK_6a619803439ea92778cafc8fb54" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "payments" ADD CONSTRAINT "FK_b2f7b823a21562eeca20e72b006" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "shipments" ADD CONSTRAINT "FK_e86fac2a18a75dcb82bfbb23f43" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "shipments" DROP CONSTRAINT "FK_e86fac2a18a75dcb82bfbb23f43"');
    await queryRunner.query('ALTER TABLE "payments" DROP CONSTRAINT "FK_b2f7b823a21562eeca20e72b006"');
    await queryRunner.query('ALTER TABLE "order_lines" DROP CONSTRAINT "FK_6a619803439ea92778cafc8fb54"');
    await queryRunner.query('ALTER TABLE "orders" DROP CONSTRAINT "FK_772d0ce0473ac2ccfa26060dbe9"');
    await queryRunner.query('ALTER TABLE "cart_lines" DROP CONSTRAINT "FK_41ddbb6bf3c82ea6ad0f9fe0353"');
    await queryRunner.query('ALTER TABLE "carts" DROP CONSTRAINT "FK_5a9dade7a4baafc128f8e0d8041"');
    await queryRunner.query('DROP TABLE "shipments"');
    await queryRunner.query('DROP TABLE "payments"');
    await queryRunner.query('DROP TABLE "order_lines"');
    await queryRunner.query('DROP INDEX "public"."IDX_772d0ce0473ac2ccfa26060dbe"');
    await queryRunner.query('DROP TABLE "orders"');
    await queryRunner.query('DROP TABLE "cart_lines"');
    await queryRunner.query('DROP INDEX "public"."IDX_5a9dade7a4baafc128f8e0d804"');
    await queryRunner.query('DROP TABLE "carts"');
    await queryRunner.query('DROP TABLE "customers"');
    await queryRunner.query('DROP TABLE "processed_commands"');
  }
}
