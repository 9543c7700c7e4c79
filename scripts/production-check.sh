#!/usr/bin/env bash
# The production path of the Dockerfile, run without a container engine in clean temp directories:
#   1. build stage:   the committed tree (git archive HEAD), npm ci, npm run build
#   2. runtime stage: dist/ + the runtime files only, npm ci --omit=dev --ignore-scripts
#   3. start node dist/src/bot/main.js on a free loopback port with a temp data dir, wait for /healthz,
#      POST a pasted SQL Server error to /api/messages (anonymous, deliveryMode expectReplies: the
#      replies come back in the response) and check it was triaged, check /metrics (refused without
#      its token, the triage counted with it), then SIGTERM and check a clean exit, a JSON log with
#      no deprecation warning and no pasted secret.
# Usage: scripts/production-check.sh [--keep]   (--keep leaves the temp directories for a look)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
started=$(date +%s)
keep=${1:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/sqltriage-production-XXXXXX")
bot_pid=
cleanup() {
  if [ -n "$bot_pid" ] && kill -0 "$bot_pid" 2>/dev/null; then kill "$bot_pid" 2>/dev/null || true; fi
  if [ "$keep" = "--keep" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
step() { echo "[$(( $(date +%s) - started ))s] $*"; }

# The files the runtime reads besides dist/ and node_modules (the Dockerfile copies the same list).
RUNTIME_FILES=(package.json package-lock.json .npmrc deploy/spdy-not-included scripts/prepare.js bin knowledge manifest src/bot/web/public)

step "build stage in $work/build (git archive HEAD)"
mkdir -p "$work/build" "$work/runtime" "$work/data"
git -C "$repo" archive HEAD | tar -x -C "$work/build"
# Install scripts are not needed to compile (they serve the test tools); prepare would build twice.
(cd "$work/build" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null && npm run build --silent)

step "runtime stage in $work/runtime (npm ci --omit=dev --ignore-scripts)"
cp -r "$work/build/dist" "$work/runtime/dist"
for f in "${RUNTIME_FILES[@]}"; do
  mkdir -p "$work/runtime/$(dirname "$f")"
  cp -r "$work/build/$f" "$work/runtime/$f"
done
(cd "$work/runtime" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
if [ -e "$work/runtime/node_modules/typescript" ] || [ -e "$work/runtime/node_modules/jest" ] || [ -e "$work/runtime/node_modules/natural" ]; then
  echo "FAIL: a dev dependency is in the production install" >&2
  exit 1
fi
step "production node_modules: $(du -sh "$work/runtime/node_modules" | cut -f1)"

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
step "starting node dist/src/bot/main.js on 127.0.0.1:$port"
# Anonymous (no MicrosoftAppId): loopback only, as the bot itself insists.
metrics_token=production-check-$RANDOM$RANDOM-token
(cd "$work/runtime" && exec env -i PATH="$PATH" PORT="$port" HOST=127.0.0.1 SQLTRIAGE_STORAGE=file SQLTRIAGE_DATA_DIR="$work/data" \
  SQLTRIAGE_METRICS_TOKEN="$metrics_token" node dist/src/bot/main.js 2>"$work/bot.log") &
bot_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >"$work/healthz.json" 2>/dev/null; then break; fi
  if ! kill -0 "$bot_pid" 2>/dev/null; then echo "FAIL: the bot exited before /healthz answered:" >&2; cat "$work/bot.log" >&2; exit 1; fi
  sleep 0.5
done
[ -s "$work/healthz.json" ] || { echo "FAIL: /healthz did not answer within 60 s" >&2; cat "$work/bot.log" >&2; exit 1; }
step "/healthz: $(cat "$work/healthz.json")"

# The paste carries a password: it must not reach the log.
secret=Canary$RANDOM$RANDOM
paste="A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.) Server=db1;User Id=app;Password=$secret;"
node -e '
const [port, text] = process.argv.slice(1);
const activity = { type: "message", id: "m1", channelId: "emulator", serviceUrl: "http://127.0.0.1:9/unused", deliveryMode: "expectReplies",
  conversation: { id: "production-check" }, from: { id: "operator", name: "Operator" }, recipient: { id: "bot", name: "sqltriage" },
  timestamp: new Date().toISOString(), text };
fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) })
  .then(async (res) => {
    const body = await res.text();
    if (res.status !== 200) throw new Error(`/api/messages answered ${res.status}: ${body.slice(0, 300)}`);
    const replies = (JSON.parse(body).activities ?? []).filter((a) => a.type === "message");
    const said = JSON.stringify(replies);
    // Triaged: the diagnosis names the family of the pasted error and ranks its causes.
    const first = replies[0] ?? {};
    if (first.summary !== "TLS handshake failure" || !said.includes("Most likely causes")) throw new Error(`no triage in the reply: ${said.slice(0, 500)}`);
    console.log(`${replies.length} repl${replies.length === 1 ? "y" : "ies"}, diagnosis "${first.summary}" with ranked causes`);
  })
  .catch((err) => { console.error(`FAIL: ${err.message}`); process.exit(1); });
' "$port" "$paste" | sed "s/^/[$(( $(date +%s) - started ))s] triaged: /"
[ -s "$work/data/sqltriage.json" ] || { echo "FAIL: no data file written in $work/data" >&2; exit 1; }

# /metrics: refused without the token; with it, the triage above is counted.
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")
[ "$code" = 401 ] || { echo "FAIL: /metrics without the token answered $code, not 401" >&2; exit 1; }
curl -fsS -H "Authorization: Bearer $metrics_token" "http://127.0.0.1:$port/metrics" >"$work/metrics.txt"
grep -q '^sqltriage_triage_outcomes_total{family="tls-handshake-failure"} 1$' "$work/metrics.txt" ||
  { echo "FAIL: /metrics does not count the triage:" >&2; grep '^sqltriage_' "$work/metrics.txt" >&2; exit 1; }
step "/metrics: 401 without the token; $(grep -c '^sqltriage_' "$work/metrics.txt") sqltriage series with it, the triage counted"

step "SIGTERM"
kill -TERM "$bot_pid"
code=0
wait "$bot_pid" || code=$?
bot_pid=
if [ "$code" -ne 0 ]; then echo "FAIL: exit code $code after SIGTERM:" >&2; cat "$work/bot.log" >&2; exit 1; fi
grep -q 'SIGTERM' "$work/bot.log" || { echo "FAIL: the bot did not log its shutdown" >&2; cat "$work/bot.log" >&2; exit 1; }
# The log: one JSON object a line with time, level and msg (stderr is not a terminal here), the
# request logged with its ids, no deprecation warning, and never the pasted password.
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
for (const l of lines) {
  let e;
  try { e = JSON.parse(l); } catch { throw new Error(`not a JSON log line: ${l.slice(0, 200)}`); }
  if (typeof e.time !== "string" || typeof e.level !== "string" || typeof e.msg !== "string") throw new Error(`a log line without time, level or msg: ${l.slice(0, 200)}`);
}
if (!lines.some((l) => { const e = JSON.parse(l); return e.msg === "activity handled" && e.reqId && e.conversationId === "production-check"; }))
  throw new Error("no \"activity handled\" line with reqId and conversationId");
' "$work/bot.log" || { echo "FAIL: the log is not as documented:" >&2; cat "$work/bot.log" >&2; exit 1; }
if grep -q 'DeprecationWarning' "$work/bot.log"; then echo "FAIL: a deprecation warning at start:" >&2; grep -A3 DeprecationWarning "$work/bot.log" >&2; exit 1; fi
if grep -q "$secret" "$work/bot.log" "$work/metrics.txt"; then echo "FAIL: the pasted password is in the log or the metrics" >&2; exit 1; fi
step "log: $(wc -l <"$work/bot.log") JSON lines with time, level and ids; no deprecation warning; no pasted secret"
step "clean exit (0). production check passed in $(( $(date +%s) - started )) s"
