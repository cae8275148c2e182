// A client of Nest's TCP transport for the load tests: commands sent as the orchestrator's ClientProxy sends them,
// without Nest, rxjs or a timeout per call (load-tests/participants-bench.mjs).
import { connect } from 'node:net';

/**
 * Request/response over Nest's TCP framing (`<length>#<json>`, length in UTF-16 code units as Nest counts it):
 * `{ pattern, data, id }` out, `{ id, response | err, isDisposed }` back, many requests in flight on one socket.
 */
export class CommandConnection {
  #socket;
  #pending = new Map();
  #buffer = '';
  #nextId = 0;

  static open(address) {
    const [host, port] = address.split(':');
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port: Number(port), noDelay: true }, () => resolve(new CommandConnection(socket)));
      socket.once('error', reject);
    });
  }

  constructor(socket) {
    this.#socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => this.#receive(chunk));
    socket.on('error', (error) => this.#failAll(error));
    socket.on('close', () => this.#failAll(new Error('connection closed')));
  }

  send(pattern, data) {
    const id = String(++this.#nextId);
    const json = JSON.stringify({ pattern, data, id });
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, pattern });
      this.#socket.write(`${json.length}#${json}`);
    });
  }

  close() {
    this.#socket.end();
  }

  #receive(chunk) {
    this.#buffer += chunk;
    for (;;) {
      const hash = this.#buffer.indexOf('#');
      if (hash === -1) return;
      const length = Number(this.#buffer.slice(0, hash));
      if (this.#buffer.length < hash + 1 + length) return;
      const message = JSON.parse(this.#buffer.slice(hash + 1, hash + 1 + length));
      this.#buffer = this.#buffer.slice(hash + 1 + length);
      const pending = this.#pending.get(message.id);
      // A reply is followed (or carried) by `isDisposed`; only the first message of an id settles it.
      if (!pending || (message.isDisposed && !('response' in message) && !message.err)) continue;
      this.#pending.delete(message.id);
      if (message.err) pending.reject(new Error(`${pending.pattern}: ${JSON.stringify(message.err)}`));
      else pending.resolve(message.response);
    }
  }

  #failAll(error) {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}
