#!/usr/bin/env node
// Proves the dashboards and alert rules against a real Prometheus:
//   - every panel query of every dashboard in grafana/dashboards (template variables filled in
//     with values Prometheus has) runs without error and returns data, and every metric it
//     names exists, so an "or vector(0)" cannot hide a misspelt name;
//   - every alert rule in prometheus/rules is loaded and evaluates without error.
//
// usage: PROMETHEUS_URL=http://127.0.0.1:9090 node test/observability/check-panels.mjs [--window SECONDS]
//   --window: the time range the panels are looked at over, ending now (default 600), like a
//   dashboard's "last 10 minutes". Exit status 1 lists each failing query.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DASHBOARDS = join(ROOT, 'grafana/dashboards');
const RULES = join(ROOT, 'prometheus/rules');
const PROMETHEUS = (process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090').replace(/\/$/, '');
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const WINDOW = Number(argument('--window', process.env.CHECK_WINDOW_SECONDS ?? 600));
// What Grafana would put in for a 2 s scrape interval and a window of this size.
const RATE_INTERVAL = process.env.CHECK_RATE_INTERVAL ?? '1m';
const END = Math.floor(Date.now() / 1000);
const START = END - WINDOW;
const STEP = Math.max(2, Math.ceil(WINDOW / 250));

async function api(path, params) {
  const response = await fetch(`${PROMETHEUS}/api/v1/${path}?${new URLSearchParams(params)}`);
  const body = await response.json().catch(() => ({ status: 'error', error: `HTTP ${response.status}, not JSON` }));
  if (body.status !== 'success') throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.data;
}

// ---- template variables --------------------------------------------------------------------

const BUILTINS = {
  __rate_interval: RATE_INTERVAL,
  __interval: `${STEP}s`,
  __interval_ms: String(STEP * 1000),
  __range: `${WINDOW}s`,
  __range_s: String(WINDOW),
  __range_ms: String(WINDOW * 1000),
};

/** Replaces $name, ${name}, ${name:format} and [[name]] (the forms Grafana accepts). */
function substitute(text, values) {
  return text.replace(/\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)/g, (match, braced, bracketed, bare) => {
    const name = braced ?? bracketed ?? bare;
    return name in values ? values[name] : match;
  });
}

const escapeRegex = (value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** label_values(selector, label) or label_values(label): the values Prometheus has in the window. */
async function labelValues(definition, values) {
  const parsed = /^\s*label_values\(\s*(?:(.+)\s*,\s*)?(\w+)\s*\)\s*$/.exec(substitute(definition, values));
  if (!parsed) throw new Error(`unsupported variable query ${JSON.stringify(definition)}`);
  const [, selector, label] = parsed;
  const params = { start: String(START), end: String(END) };
  if (selector) params['match[]'] = selector;
  return api(`label/${label}/values`, params);
}

/** Each variable as a dashboard opened with its defaults shows it: "All" where offered, else the first value. */
async function resolveVariables(dashboard) {
  const values = { ...BUILTINS };
  const problems = [];
  for (const variable of dashboard.templating?.list ?? []) {
    if (variable.type === 'datasource') {
      values[variable.name] = 'prometheus';
      continue;
    }
    if (variable.type === 'query') {
      const definition = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? variable.definition);
      try {
        const found = await labelValues(definition, values);
        if (found.length === 0) problems.push(`variable $${variable.name}: ${definition} has no values`);
        values[variable.name] = variable.includeAll
          ? (variable.allValue ?? `(${found.map(escapeRegex).join('|')})`)
          : escapeRegex(found[0] ?? '');
      } catch (error) {
        problems.push(`variable $${variable.name}: ${error.message}`);
        values[variable.name] = '.*';
      }
      continue;
    }
    // custom, constant, interval, textbox: their current or first option
    values[variable.name] = variable.current?.value ?? variable.options?.[0]?.value ?? variable.query ?? '';
  }
  return { values, problems };
}

// ---- panels ----------------------------------------------------------------------------------

function* panelsOf(panels) {
  for (const panel of panels ?? []) {
    yield panel;
    yield* panelsOf(panel.panels); // rows keep their panels here when collapsed
  }
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan', 'NaN', 'Inf']);

/** The metric names a PromQL expression reads (label names, functions and strings left out). */
function metricNamesOf(expr) {
  const stripped = expr
    .replace(/#[^\n]*/g, ' ') // comments
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // strings
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/\[[^\]]*\]/g, ' ') // ranges
    .replace(/\boffset\s+-?\w+/g, ' ')
    .replace(/(^|[^\w:])\d+(\.\d+)?(e[+-]?\d+)?/gi, '$1 '); // numbers
  const names = new Set();
  for (const match of stripped.matchAll(/[a-zA-Z_:][\w:]*(?=\s*(\(?))/g)) {
    if (match[1] === '(' || KEYWORDS.has(match[0])) continue; // a function or aggregation
    names.add(match[0]);
  }
  return [...names];
}

function hasData(result, resultType) {
  if (resultType === 'scalar') return !Number.isNaN(Number(result[1]));
  const numbers =
    resultType === 'matrix' ? result.flatMap((series) => series.values.map((v) => v[1])) : result.map((s) => s.value[1]);
  return numbers.some((value) => !Number.isNaN(Number(value)));
}

async function checkTarget(expr, instant, knownMetrics) {
  const missing = metricNamesOf(expr).filter((name) => !knownMetrics.has(name));
  if (missing.length) return `no such metric in Prometheus: ${missing.join(', ')}`;
  try {
    const data = instant
      ? await api('query', { query: expr, time: String(END) })
      : await api('query_range', { query: expr, start: String(START), end: String(END), step: String(STEP) });
    if (data.result.length === 0) return 'no data';
    if (!hasData(data.result, data.resultType)) return 'only NaN';
    return null;
  } catch (error) {
    return `error: ${error.message}`;
  }
}

async function checkDashboards(knownMetrics) {
  const failures = [];
  let queries = 0;
  for (const file of readdirSync(DASHBOARDS)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const dashboard = JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8'));
    const { values, problems } = await resolveVariables(dashboard);
    failures.push(...problems.map((problem) => `${file}: ${problem}`));
    let ok = 0;
    let count = 0;
    for (const panel of panelsOf(dashboard.panels)) {
      for (const target of panel.targets ?? []) {
        if (!target.expr || target.hide) continue;
        count++;
        const expr = substitute(target.expr, values);
        const problem = await checkTarget(expr, target.instant === true && target.range !== true, knownMetrics);
        if (problem)
          failures.push(`${file}: "${panel.title}" ${target.refId ?? ''}: ${problem}\n      ${expr.replace(/\s+/g, ' ')}`);
        else ok++;
      }
    }
    queries += count;
    console.log(`${file}: ${ok}/${count} panel queries return data`);
  }
  return { failures, queries };
}

// ---- alert rules -----------------------------------------------------------------------------

function rulesInRepository() {
  return readdirSync(RULES)
    .filter((name) => name.endsWith('.rules.yml'))
    .flatMap((file) =>
      YAML.parse(readFileSync(join(RULES, file), 'utf8')).groups.flatMap((g) => g.rules.map((r) => r.alert ?? r.record)),
    );
}

/** Every rule of the repository loaded, evaluated at least once, without error. Waits for first evaluations. */
async function checkRules() {
  const expected = rulesInRepository();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { groups } = await api('rules', {});
    const rules = groups.flatMap((group) => group.rules.map((rule) => ({ ...rule, group: group.name })));
    const notYet = rules.filter((rule) => rule.health === 'unknown');
    if (notYet.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    const loaded = new Set(rules.map((rule) => rule.name));
    const failures = [
      ...expected.filter((name) => !loaded.has(name)).map((name) => `rule ${name}: not loaded by Prometheus`),
      ...rules
        .filter((rule) => rule.health !== 'ok' || rule.lastError)
        .map((rule) => `rule ${rule.group}/${rule.name}: health ${rule.health} ${rule.lastError ?? ''}`),
    ];
    const firing = rules.filter((rule) => rule.state === 'firing' || rule.state === 'pending');
    console.log(`rules: ${rules.length - failures.length}/${rules.length} evaluate without error`);
    if (firing.length) console.log(`  (active now: ${firing.map((rule) => `${rule.name} ${rule.state}`).join(', ')})`);
    return failures;
  }
}

// ---- main ------------------------------------------------------------------------------------

const knownMetrics = new Set(await api('label/__name__/values', { start: String(START), end: String(END) }));
const { failures, queries } = await checkDashboards(knownMetrics);
failures.push(...(await checkRules()));
if (failures.length) {
  console.error(`\n${failures.length} problem(s):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exit(1);
}
console.log(`all ${queries} panel queries return data; every rule evaluates`);
