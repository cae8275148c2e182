import { SERVICES, ServiceName, databaseNameOf } from '@app/contracts';
import { LogLevel, ServiceEnvironment } from './service-environment';

export type DatabaseSource =
  { kind: 'url'; serverUrl: string; database: string } | { kind: 'embedded'; port: number; dataDir: string; database: string };

/** Typed, validated view of one service's settings. */
export class ServiceConfig<Env extends ServiceEnvironment = ServiceEnvironment> {
  constructor(
    readonly service: ServiceName,
    readonly env: Env,
    /** A `<SERVICE>_DATABASE_URL` naming the exact database, when set. */
    private readonly ownDatabaseUrl?: string,
    /** `<SERVICE>_TCP_URL` overrides: where the other services' command listeners are. */
    private readonly peerTcpAddresses: ReadonlyMap<ServiceName, string> = new Map(),
  ) {}

  /** Where `peer` listens for commands over TCP: its `<SERVICE>_TCP_URL`, else its default port here. */
  tcpAddressOf(peer: ServiceName): { host: string; port: number } {
    const [host, port] = (this.peerTcpAddresses.get(peer) ?? `127.0.0.1:${SERVICES[peer].tcpPort}`).split(':');
    return { host, port: Number(port) };
  }

  get isTest(): boolean {
    return this.env.NODE_ENV === 'test';
  }

  get logLevel(): LogLevel {
    return this.env.LOG_LEVEL ?? (this.isTest ? 'silent' : 'info');
  }

  get host(): string {
    return this.env.HOST ?? '0.0.0.0';
  }

  get httpPort(): number {
    return this.env.PORT ?? SERVICES[this.service].httpPort;
  }

  get tcpPort(): number {
    return this.env.TCP_PORT ?? SERVICES[this.service].tcpPort;
  }

  get natsUrl(): string | undefined {
    return this.env.NATS_URL;
  }

  get outboxRelayIntervalMs(): number {
    return this.env.OUTBOX_RELAY_INTERVAL_MS ?? (this.isTest ? 0 : 250);
  }

  get outboxRetentionHours(): number {
    return this.env.OUTBOX_RETENTION_HOURS;
  }

  get databasePoolSize(): number {
    return this.env.DATABASE_POOL_SIZE;
  }

  get preparedStatements(): boolean {
    return this.env.DATABASE_PREPARED_STATEMENTS === 'true';
  }

  get database(): DatabaseSource {
    if (this.ownDatabaseUrl) {
      const url = new URL(this.ownDatabaseUrl);
      const database = url.pathname.replace(/^\//, '') || databaseNameOf(this.service);
      url.pathname = '/';
      return { kind: 'url', serverUrl: url.toString(), database };
    }
    const database = this.env.DATABASE_NAME ?? databaseNameOf(this.service);
    if (this.env.DATABASE_URL) {
      return { kind: 'url', serverUrl: this.env.DATABASE_URL, database };
    }
    return { kind: 'embedded', port: this.env.EMBEDDED_PG_PORT, dataDir: this.env.EMBEDDED_PG_DIR, database };
  }

  /** Demo data goes into embedded databases unless SEED_DEMO_DATA says otherwise. */
  wantsDemoData(embedded: boolean): boolean {
    return this.env.SEED_DEMO_DATA === 'true' || (this.env.SEED_DEMO_DATA === 'auto' && embedded);
  }
}
