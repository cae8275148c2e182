import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795229083582 implements MigrationInterface {
  name = 'InitialSchema1795229083582';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sagas" ("id" uuid NOT NULL, "customer_id" integer NOT NULL, "idempotency_key" character varying(200), "request_hash" character varying(64) NOT NULL, "request" jsonb NOT NULL, "status" character varying(20) NOT NULL, "next_step" character varying(20), "effective_steps" text array NOT NULL DEFAULT '{}', "pending_compensations" text array NOT NULL DEFAULT '{}', "attempts" integer NOT NULL DEFAULT '0', "outcome_unknown" boolean NOT NULL DEFAULT false, "order_id" integer, "payment_id" integer, "failure_reason" text, "last_error" text, "deadline_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "owner" character varying(64), "lease_until" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '0', "correlation_id" character varying(128), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_sagas" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0fb7df14a9c20ad3d4d1db0515" ON "sagas"  ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f74c0c2a58610347e8b67042e1" ON "sagas"  ("status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "sagas_customer_idempotency_key" ON "sagas"  ("customer_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "sagas_runnable" ON "sagas"  ("next_attempt_at") WHERE "status" NOT IN ('COMPLETED', 'COMPENSATED', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "saga_log" ("id" BIGSERIAL NOT NULL, "saga_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "name" character varying(20) NOT NULL, "status" character varying(16) NOT NULL, "attempt" integer NOT NULL, "duration_ms" integer NOT NULL, "error" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_saga_log" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_707f695da39081f78157c4bcc5" ON "saga_log"  ("saga_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_707f695da39081f78157c4bcc5"`);
    await queryRunner.query(`DROP TABLE "saga_log"`);
    await queryRunner.query(`DROP INDEX "public"."sagas_runnable"`);
    await queryRunner.query(`DROP INDEX "public"."sagas_customer_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f74c0c2a58610347e8b67042e1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0fb7df14a9c20ad3d4d1db0515"`);
    await queryRunner.query(`DROP TABLE "sagas"`);
  }
}
