// Development default: the gateway on this host's port 8000, money in EUR. `npm start` and the container image
// serve their own config.js in place of this one.
window.__CONSOLE_CONFIG__ = window.__CONSOLE_CONFIG__ || {};
