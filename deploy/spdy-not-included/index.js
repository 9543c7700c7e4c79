'use strict';
// restify 11 loads spdy when it starts, for its `spdy` server option, which sqltriage never sets.
// spdy's http-deceiver reads process.binding('http_parser'): Node's DEP0111 warning at every start.
// package.json "overrides" installs this package in spdy's place; the option fails clearly instead.
function notIncluded() {
  throw new Error("spdy is not included in sqltriage: restify's spdy option is not supported");
}
module.exports = { createServer: notIncluded, createAgent: notIncluded };
