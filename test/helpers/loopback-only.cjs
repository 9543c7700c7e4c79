'use strict';
/*
 * Preloaded (`node --require`) into a third-party program a test runs, such as the Agents
 * Playground, which has no option for its listen address and sends telemetry: every server it
 * opens listens on 127.0.0.1 only, and every connection it tries to anything but loopback is
 * refused before a packet leaves (reported on stderr, so the test can show what was refused).
 */
const net = require('net');

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost|::ffff:127(\.\d{1,3}){3})$/i;
const report = (what) => process.stderr.write(`[loopback-only] refused ${what}\n`);

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function loopbackListen(...args) {
  const first = args[0];
  if (typeof first === 'object' && first !== null && !Array.isArray(first) && !('_handle' in first) && !('fd' in first)) {
    if (first.path === undefined) args[0] = { ...first, host: typeof first.host === 'string' && LOOPBACK.test(first.host) ? first.host : '127.0.0.1' };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] === 'string') {
      if (!LOOPBACK.test(args[1])) args[1] = '127.0.0.1';
    } else if (args.length > 1 && args[1] == null) args[1] = '127.0.0.1';
    else args.splice(1, 0, '127.0.0.1');
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, '127.0.0.1');
  }
  return listen.apply(this, args);
};

/** The host a Socket#connect call names (undefined for a Unix socket path). */
function targetHost(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) return first.path !== undefined ? undefined : first.host ?? 'localhost';
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined;
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function loopbackConnect(...args) {
  const host = targetHost(args);
  if (host !== undefined && !LOOPBACK.test(host)) {
    report(`a connection to ${host}`);
    process.nextTick(() => this.destroy(Object.assign(new Error(`loopback-only: ${host} is not loopback`), { code: 'ECONNREFUSED' })));
    return this;
  }
  return connect.apply(this, args);
};
