import { MigrationInterface, QueryRunner } from 'typeorm';

export class RetailDomain1795228259575 implements MigrationInterface {
  name = 'RetailDomain1795228259575';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "stores" ("id" SERIAL NOT NULL, "code" character varying(30) NOT NULL, "name" character varying(200) NOT NULL, "location_id" integer NOT NULL, "address" text, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_72bdebc754d6a689b3c169cab8a" UNIQUE ("code"), CONSTRAINT "pk_stores" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "cash_registers" ("id" SERIAL NOT NULL, "store_id" integer NOT NULL, "code" character varying(30) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cash_registers_store_code" UNIQUE ("store_id", "code"), CONSTRAINT "pk_cash_registers" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "sales" ("id" SERIAL NOT NULL, "store_id" integer NOT NULL, "register_id" integer NOT NULL, "total" numeric(12,2) NOT NULL, "sold_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sales" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_00132794043f70cb744fae7a74" ON "sales"  ("sold_at") ');
    await queryRunner.query('CREATE INDEX "sales_store_sold_at" ON "sales"  ("store_id", "sold_at") ');
    await queryRunner.query(
      'CREATE TABLE "sale_lines" ("id" SERIAL NOT NULL, "sale_id" integer NOT NULL, "product_id" integer NOT NULL, "quantity" integer NOT NULL, "returned_quantity" integer NOT NULL DEFAULT \'0\', "unit_price" numeric(12,2) NOT NULL, "line_total" numeric(12,2) NOT NULL, CONSTRAINT "sale_lines_sale_product" UNIQUE ("sale_id", "product_id"), CONSTRAINT "sale_lines_quantities" CHECK ("quantity" > 0 AND "returned_quantity" >= 0 AND "returned_quantity" <= "quantity"), CONSTRAINT "pk_sale_lines" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "sale_returns" ("id" SERIAL NOT NULL, "sale_id" integer NOT NULL, "store_id" integer NOT NULL, "total_refund" numeric(12,2) NOT NULL, "reason" text, "returned_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_sale_returns" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_2b61a5fa8b873de80fd1633166" ON "sale_returns"  ("sale_id") ');
    await queryRunner.query('CREATE INDEX "IDX_5e6f4a914a71dedd4bd58926d2" ON "sale_returns"  ("store_id") ');
    await queryRunner.query(
      'CREATE TABLE "sale_return_lines" ("id" SERIAL NOT NULL, "return_id" integer NOT NULL, "product_id" integer NOT NULL, "quantity" integer NOT NULL, "refund" numeric(12,2) NOT NULL, CONSTRAINT "sale_return_lines_quantity" CHECK ("quantity" > 0), CONSTRAINT "pk_sale_return_lines" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_6a59fb7460ace16daf79c78483" ON "sale_return_lines"  ("return_id") ');
    await queryRunner.query(
      'ALTER TABLE "cash_registers" ADD CONSTRAINT "FK_0884e1723faa3908dc2c1c9edd7" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sales" ADD CONSTRAINT "FK_6c1fae113ae666969a94d79d637" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sales" ADD CONSTRAINT "FK_2fcbd760528adf030fe3bf86416" FOREIGN KEY ("register_id") REFERENCES "cash_registers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sale_lines" ADD CONSTRAINT "FK_3c1694f38a418f7ad3335ecce96" FOREIGN KEY ("sale_id") REFERENCES "sales"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sale_returns" ADD CONSTRAINT "FK_2b61a5fa8b873de80fd16331667" FOREIGN KEY ("sale_id") REFERENCES "sales"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sale_return_lines" ADD CONSTRAINT "FK_6a59fb7460ace16daf79c78483a" FOREIGN KEY ("return_id") REFERENCES "sale_returns"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "sale_return_lines" DROP CONSTRAINT "FK_6a59fb7460ace16daf79c78483a"');
    await queryRunner.query('ALTER TABLE "sale_returns" DROP CONSTRAINT "FK_2b61a5fa8b873de80fd16331667"');
    await queryRunner.query('ALTER TABLE "sale_lines" DROP CONSTRAINT "FK_3c1694f38a418f7ad3335ecce96"');
    await queryRunner.query('ALTER TABLE "sales" DROP CONSTRAINT "FK_2fcbd760528adf030fe3bf86416"');
    await queryRunner.query('ALTER TABLE "sales" DROP CONSTRAINT "FK_6c1fae113ae666969a94d79d637"');
    await queryRunner.query('ALTER TABLE "cash_registers" DROP CONSTRAINT "FK_0884e1723faa3908dc2c1c9edd7"');
    await queryRunner.query('DROP INDEX "public"."IDX_6a59fb7460ace16daf79c78483"');
    await queryRunner.query('DROP TABLE "sale_return_lines"');
    await queryRunner.query('DROP INDEX "public"."IDX_5e6f4a914a71dedd4bd58926d2"');
    await queryRunner.query('DROP INDEX "public"."IDX_2b61a5fa8b873de80fd1633166"');
    await queryRunner.query('DROP TABLE "sale_returns"');
    await queryRunner.query('DROP TABLE "sale_lines"');
    await queryRunner.query('DROP INDEX "public"."sales_store_sold_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_00132794043f70cb744fae7a74"');
    await queryRunner.query('DROP TABLE "sales"');
    await queryRunner.query('DROP TABLE "cash_registers"');
    await queryRunner.query('DROP TABLE "stores"');
  }
}
