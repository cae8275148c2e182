import { Client } from 'pg';

/** Distinct statements one process prepares at most: each costs memory in every pooled backend. */
const MAX_PREPARED_STATEMENTS = 400;
/** Statements seen but not (yet) prepared that are remembered: one-off texts must not grow without bound. */
const MAX_CANDIDATES = 5_000;
const DATA_STATEMENT = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;

/**
 * Names the statements a process keeps sending, so PostgreSQL parses and plans each once per connection
 * instead of on every execution (TypeORM sends every statement unnamed). Measured here: a third of
 * PostgreSQL's time on the saga's hot path was parse and plan.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly candidates = new Set<string>();

  constructor(private readonly max = MAX_PREPARED_STATEMENTS) {}

  /** The name to prepare `text` under, or undefined to send it unnamed (first sight, or over the cap). */
  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    if (this.names.size >= this.max || !DATA_STATEMENT.test(text)) return undefined;
    // Prepared on its second execution: a statement sent once only (a literal IN list, say) is never kept.
    if (!this.candidates.has(text)) {
      if (this.candidates.size >= MAX_CANDIDATES) this.candidates.clear();
      this.candidates.add(text);
      return undefined;
    }
    this.candidates.delete(text);
    const name = `s${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}

const processStatementNames = new StatementNames();

/**
 * A pg client that prepares repeated parameterised statements under a process-wide name. pg keeps track of
 * what each connection has prepared and sends the Parse only on a connection's first use of a name.
 */
export class PreparingClient extends Client {}

// Assigned rather than overridden: `query` has a dozen overloads, all of which this keeps.
PreparingClient.prototype.query = function query(this: Client, ...args: unknown[]) {
  const [config, values] = args;
  if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
    const name = processStatementNames.nameFor(config);
    if (name !== undefined) args[0] = { name, text: config };
  }
  return (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
} as Client['query'];
