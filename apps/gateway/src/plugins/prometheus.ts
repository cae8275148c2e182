import { Balancer } from '../balancer/balancer';

/**
 * Kong 3.9's prometheus plugin exposition (kong/plugins/prometheus/exporter.lua): the same metric names,
 * types, labels and buckets, so Kong's official Grafana dashboard reads the local gateway unchanged.
 * Per-request recording touches only counters kept on the route (no label objects, no string keys).
 */
export interface PrometheusConfig {
  per_consumer: boolean;
  status_code_metrics: boolean;
  latency_metrics: boolean;
  bandwidth_metrics: boolean;
  upstream_health_metrics: boolean;
}

const KONG_LATENCY_BUCKETS = [1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000];
const UPSTREAM_LATENCY_BUCKETS = [25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000];
const WORKSPACE = 'default';
/** Kong's default `lua_shared_dict kong_rate_limiting_counters 12m`, the dict this gateway's counters stand for. */
const RATE_LIMIT_DICT_BYTES = 12 * 1024 * 1024;

class Histogram {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(readonly buckets: number[]) {
    this.counts = new Float64Array(buckets.length);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    const buckets = this.buckets;
    for (let i = 0; i < buckets.length; i++) {
      if (value <= buckets[i]) {
        this.counts[i]++;
        return;
      }
    }
  }

  render(out: string[], name: string, labels: string): void {
    let cumulative = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      cumulative += this.counts[i];
      out.push(`${name}_bucket{${labels},le="${this.buckets[i]}"} ${cumulative}`);
    }
    out.push(
      `${name}_bucket{${labels},le="+Inf"} ${this.count}`,
      `${name}_count{${labels}} ${this.count}`,
      `${name}_sum{${labels}} ${this.sum}`,
    );
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** What the log phase knows about a finished request. */
export interface RequestRecord {
  status: number;
  /** Whether the status came from the upstream (source="service") rather than the gateway (source="kong"). */
  fromService: boolean;
  consumerName: string;
  kongLatencyMs: number;
  /** -1 when the request never reached an upstream. */
  upstreamLatencyMs: number;
  requestLatencyMs: number;
  ingressBytes: number;
  egressBytes: number;
}

/** The counters of one route (labels service and route), filled by requests the plugin applies to. */
export class RouteMetrics {
  private readonly latencyLabels: string;
  private readonly kongLatency = new Histogram(KONG_LATENCY_BUCKETS);
  private readonly upstreamLatency = new Histogram(UPSTREAM_LATENCY_BUCKETS);
  private readonly requestLatency = new Histogram(UPSTREAM_LATENCY_BUCKETS);
  /** consumer → code → [from service, from kong] */
  private readonly statuses = new Map<string, Map<number, [number, number]>>();
  /** consumer → [ingress, egress] */
  private readonly bandwidth = new Map<string, [number, number]>();

  constructor(
    private readonly service: string,
    private readonly route: string,
  ) {
    this.latencyLabels = `service="${escapeLabel(service)}",route="${escapeLabel(route)}",workspace="${WORKSPACE}"`;
  }

  record(config: PrometheusConfig, request: RequestRecord): void {
    const consumer = config.per_consumer ? request.consumerName : '';
    if (config.bandwidth_metrics && (request.ingressBytes > 0 || request.egressBytes > 0)) {
      let bytes = this.bandwidth.get(consumer);
      if (!bytes) this.bandwidth.set(consumer, (bytes = [0, 0]));
      bytes[0] += request.ingressBytes;
      bytes[1] += request.egressBytes;
    }
    if (config.status_code_metrics) {
      let byCode = this.statuses.get(consumer);
      if (!byCode) this.statuses.set(consumer, (byCode = new Map<number, [number, number]>()));
      let counts = byCode.get(request.status);
      if (!counts) byCode.set(request.status, (counts = [0, 0]));
      counts[request.fromService ? 0 : 1]++;
    }
    if (config.latency_metrics) {
      this.requestLatency.observe(request.requestLatencyMs);
      if (request.upstreamLatencyMs >= 0) this.upstreamLatency.observe(request.upstreamLatencyMs);
      this.kongLatency.observe(request.kongLatencyMs);
    }
  }

  renderStatuses(out: string[]): void {
    const prefix = `service="${escapeLabel(this.service)}",route="${escapeLabel(this.route)}"`;
    for (const [consumer, byCode] of this.statuses) {
      for (const [code, [fromService, fromKong]] of byCode) {
        const tail = `workspace="${WORKSPACE}",consumer="${escapeLabel(consumer)}"`;
        if (fromService) out.push(`kong_http_requests_total{${prefix},code="${code}",source="service",${tail}} ${fromService}`);
        if (fromKong) out.push(`kong_http_requests_total{${prefix},code="${code}",source="kong",${tail}} ${fromKong}`);
      }
    }
  }

  renderLatency(out: string[], which: 'kong' | 'upstream' | 'request'): void {
    const histogram = which === 'kong' ? this.kongLatency : which === 'upstream' ? this.upstreamLatency : this.requestLatency;
    if (histogram.count > 0) histogram.render(out, `kong_${which}_latency_ms`, this.latencyLabels);
  }

  renderBandwidth(out: string[]): void {
    const prefix = `service="${escapeLabel(this.service)}",route="${escapeLabel(this.route)}"`;
    for (const [consumer, [ingress, egress]] of this.bandwidth) {
      const tail = `workspace="${WORKSPACE}",consumer="${escapeLabel(consumer)}"`;
      if (ingress) out.push(`kong_bandwidth_bytes{${prefix},direction="ingress",${tail}} ${ingress}`);
      if (egress) out.push(`kong_bandwidth_bytes{${prefix},direction="egress",${tail}} ${egress}`);
    }
  }
}

/** Node-wide figures standing in for nginx's stub_status. */
export class ServerStats {
  accepted = 0;
  active = 0;
  writing = 0;
  requests = 0;
}

export interface ExportSources {
  nodeId: string;
  version: string;
  routes: readonly RouteMetrics[];
  balancers: readonly Balancer[];
  upstreamHealth: boolean;
  stats: ServerStats;
  rateLimitCounters: () => number;
}

function family(out: string[], name: string, type: string, help: string): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
}

/** The text of GET /metrics (Prometheus exposition format 0.0.4). */
export function renderMetrics(sources: ExportSources): string {
  const out: string[] = [];
  const { nodeId, stats } = sources;
  const node = `node_id="${nodeId}"`;

  family(out, 'kong_bandwidth_bytes', 'counter', 'Total bandwidth (ingress/egress) throughput in bytes');
  for (const route of sources.routes) route.renderBandwidth(out);

  family(out, 'kong_datastore_reachable', 'gauge', 'Datastore reachable from Kong, 0 is unreachable');
  // DB-less: there is no datastore to lose.
  out.push('kong_datastore_reachable 1');

  family(out, 'kong_http_requests_total', 'counter', 'HTTP status codes per consumer/service/route in Kong');
  for (const route of sources.routes) route.renderStatuses(out);

  family(out, 'kong_kong_latency_ms', 'histogram', 'Latency added by Kong and enabled plugins for each service/route in Kong');
  for (const route of sources.routes) route.renderLatency(out, 'kong');

  const memory = process.memoryUsage();
  family(out, 'kong_memory_lua_shared_dict_bytes', 'gauge', 'Allocated slabs in bytes in a shared_dict');
  const dictLabels = `${node},shared_dict="kong_rate_limiting_counters",kong_subsystem="http"`;
  out.push(`kong_memory_lua_shared_dict_bytes{${dictLabels}} ${sources.rateLimitCounters() * 64}`);
  family(out, 'kong_memory_lua_shared_dict_total_bytes', 'gauge', 'Total capacity in bytes of a shared_dict');
  out.push(`kong_memory_lua_shared_dict_total_bytes{${dictLabels}} ${RATE_LIMIT_DICT_BYTES}`);
  family(out, 'kong_memory_workers_lua_vms_bytes', 'gauge', 'Allocated bytes in worker Lua VM');
  // One Node.js process plays the one worker; its V8 heap plays the Lua VM.
  out.push(`kong_memory_workers_lua_vms_bytes{${node},pid="${process.pid}",kong_subsystem="http"} ${memory.heapUsed}`);

  family(out, 'kong_nginx_connections_total', 'gauge', 'Number of connections by subsystem');
  const waiting = Math.max(0, stats.active - stats.writing);
  const states: Array<[string, number]> = [
    ['accepted', stats.accepted],
    ['active', stats.active],
    ['handled', stats.accepted],
    ['reading', 0],
    ['total', stats.requests],
    ['waiting', waiting],
    ['writing', stats.writing],
  ];
  for (const [state, value] of states)
    out.push(`kong_nginx_connections_total{${node},subsystem="http",state="${state}"} ${value}`);

  family(out, 'kong_nginx_metric_errors_total', 'counter', 'Number of nginx-lua-prometheus errors');
  out.push('kong_nginx_metric_errors_total 0');

  family(out, 'kong_nginx_requests_total', 'gauge', 'Number of requests total');
  out.push(`kong_nginx_requests_total{${node},subsystem="http"} ${stats.requests}`);

  family(out, 'kong_node_info', 'gauge', 'Kong Node metadata information');
  out.push(`kong_node_info{${node},version="${sources.version}"} 1`);

  family(out, 'kong_request_latency_ms', 'histogram', 'Total latency incurred during requests for each service/route in Kong');
  for (const route of sources.routes) route.renderLatency(out, 'request');

  if (sources.upstreamHealth) {
    family(
      out,
      'kong_upstream_target_health',
      'gauge',
      'Health status of targets of upstream. States = healthchecks_off|healthy|unhealthy|dns_error, value is 1 when state is populated.',
    );
    for (const balancer of sources.balancers) {
      for (const target of balancer.targets) {
        const current = balancer.healthchecksOn || target.state === 'dns_error' ? target.state : 'healthchecks_off';
        const address = target.state === 'dns_error' ? '' : `${target.address}:${target.def.port}`;
        for (const state of ['healthchecks_off', 'healthy', 'unhealthy', 'dns_error']) {
          const labels = `upstream="${escapeLabel(balancer.name)}",target="${escapeLabel(target.label)}",address="${address}",state="${state}",subsystem="http"`;
          out.push(`kong_upstream_target_health{${labels}} ${state === current ? 1 : 0}`);
        }
      }
    }
  }

  family(out, 'kong_upstream_latency_ms', 'histogram', 'Latency added by upstream response for each service/route in Kong');
  for (const route of sources.routes) route.renderLatency(out, 'upstream');

  return out.join('\n') + '\n';
}
