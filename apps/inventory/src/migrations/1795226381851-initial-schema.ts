import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795226381851 implements MigrationInterface {
  name = 'InitialSchema1795226381851';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "categories" ("id" SERIAL NOT NULL, "name" character varying(100) NOT NULL, "description" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8b0be371d28245da6e4f4b61878" UNIQUE ("name"), CONSTRAINT "pk_categories" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE TYPE "public"."location_type" AS ENUM(\'STORE\', \'WAREHOUSE\')');
    await queryRunner.query(
      'CREATE TABLE "locations" ("id" SERIAL NOT NULL, "code" character varying(30) NOT NULL, "name" character varying(200) NOT NULL, "type" "public"."location_type" NOT NULL, "address" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_1c65ef243169e51b514c814eeae" UNIQUE ("code"), CONSTRAINT "pk_locations" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "suppliers" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "email" character varying(200), "phone" character varying(50), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_suppliers" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "products" ("id" SERIAL NOT NULL, "sku" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "description" text, "category_id" integer, "supplier_id" integer, "price" numeric(12,2) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c44ac33a05b144dd0d9ddcf9327" UNIQUE ("sku"), CONSTRAINT "pk_products" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_9a5f6868c96e0069e699f33e12" ON "products"  ("category_id") ');
    await queryRunner.query('CREATE INDEX "IDX_0ec433c1e1d444962d592d86c8" ON "products"  ("supplier_id") ');
    await queryRunner.query(
      'CREATE TABLE "processed_commands" ("idempotency_key" character varying(200) NOT NULL, "pattern" character varying(100) NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_processed_commands" PRIMARY KEY ("idempotency_key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "reservations" ("id" SERIAL NOT NULL, "reservation_key" character varying(200) NOT NULL, "holder" character varying(200) NOT NULL, "location_id" integer NOT NULL, "status" character varying(16) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8fe62eb0f702dfdd40a13445322" UNIQUE ("reservation_key"), CONSTRAINT "pk_reservations" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "reservations_active_expiry" ON "reservations"  ("expires_at") WHERE "status" = \'ACTIVE\'',
    );
    await queryRunner.query(
      'CREATE TABLE "reservation_lines" ("id" SERIAL NOT NULL, "reservation_id" integer NOT NULL, "product_id" integer NOT NULL, "quantity" integer NOT NULL, CONSTRAINT "pk_reservation_lines" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_baa8206421febba395ab1fbea4" ON "reservation_lines"  ("reservation_id") ');
    await queryRunner.query(
      'CREATE TABLE "restock_requests" ("id" SERIAL NOT NULL, "product_id" integer NOT NULL, "location_id" integer NOT NULL, "source_location_id" integer, "quantity" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'PENDING\', "note" text, "decision_note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "restock_requests_quantity" CHECK ("quantity" > 0), CONSTRAINT "pk_restock_requests" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_2504cfa801b1161e71b28654b0" ON "restock_requests"  ("product_id") ');
    await queryRunner.query('CREATE INDEX "IDX_0f8dd2d4c6a74eae7769b28e68" ON "restock_requests"  ("location_id") ');
    await queryRunner.query(
      'CREATE TABLE "stock_levels" ("product_id" integer NOT NULL, "location_id" integer NOT NULL, "on_hand" integer NOT NULL DEFAULT \'0\', "reserved" integer NOT NULL DEFAULT \'0\', "reorder_level" integer NOT NULL DEFAULT \'10\', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "stock_levels_quantities" CHECK ("on_hand" >= 0 AND "reserved" >= 0 AND "reserved" <= "on_hand"), CONSTRAINT "pk_stock_levels" PRIMARY KEY ("product_id", "location_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_ff889f98a5594dc3e6a244db35" ON "stock_levels"  ("location_id") ');
    await queryRunner.query(
      'ALTER TABLE "products" ADD CONSTRAINT "FK_9a5f6868c96e0069e699f33e124" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "products" ADD CONSTRAINT "FK_0ec433c1e1d444962d592d86c86" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "reservation_lines" ADD CONSTRAINT "FK_baa8206421febba395ab1fbea4a" FOREIGN KEY ("reservation_id") REFERENCES "reservations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stock_levels" ADD CONSTRAINT "FK_46e4cf093a8ad0464e4be42f342" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stock_levels" ADD CONSTRAINT "FK_ff889f98a5594dc3e6a244db354" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "stock_levels" DROP CONSTRAINT "FK_ff889f98a5594dc3e6a244db354"');
    await queryRunner.query('ALTER TABLE "stock_levels" DROP CONSTRAINT "FK_46e4cf093a8ad0464e4be42f342"');
    await queryRunner.query('ALTER TABLE "reservation_lines" DROP CONSTRAINT "FK_baa8206421febba395ab1fbea4a"');
    await queryRunner.query('ALTER TABLE "products" DROP CONSTRAINT "FK_0ec433c1e1d444962d592d86c86"');
    await queryRunner.query('ALTER TABLE "products" DROP CONSTRAINT "FK_9a5f6868c96e0069e699f33e124"');
    await queryRunner.query('DROP INDEX "public"."IDX_ff889f98a5594dc3e6a244db35"');
    await queryRunner.query('DROP TABLE "stock_levels"');
    await queryRunner.query('DROP INDEX "public"."IDX_0f8dd2d4c6a74eae7769b28e68"');
    await queryRunner.query('DROP INDEX "public"."IDX_2504cfa801b1161e71b28654b0"');
    await queryRunner.query('DROP TABLE "restock_requests"');
    await queryRunner.query('DROP INDEX "public"."IDX_baa8206421febba395ab1fbea4"');
    await queryRunner.query('DROP TABLE "reservation_lines"');
    await queryRunner.query('DROP INDEX "public"."reservations_active_expiry"');
    await queryRunner.query('DROP TABLE "reservations"');
    await queryRunner.query('DROP TABLE "processed_commands"');
    await queryRunner.query('DROP INDEX "public"."IDX_0ec433c1e1d444962d592d86c8"');
    await queryRunner.query('DROP INDEX "public"."IDX_9a5f6868c96e0069e699f33e12"');
    await queryRunner.query('DROP TABLE "products"');
    await queryRunner.query('DROP TABLE "suppliers"');
    await queryRunner.query('DROP TABLE "locations"');
    await queryRunner.query('DROP TYPE "public"."location_type"');
    await queryRunner.query('DROP TABLE "categories"');
  }
}
