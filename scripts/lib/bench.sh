# Shared by the HTTP benchmarks (scripts/bench-http, scripts/bench-risks): a release build, a
# seeded SQLite database in a temporary folder, the server on a free loopback port, and wrk.
# Source it, then: bench_seed SEED-COMMAND ARGS…; bench_serve; bench_run NAME WRK-ARGS…;
# bench_memory. Sets $dir, $port, $token (API), $session (UI cookie) and $offering (the first
# offering's id, when the seed command prints one; empty otherwise).

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q -p anzen -p anzen-bench
dir=$(mktemp -d -t anzen-bench.XXXXXX)
server=
bench_cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$dir"; }
trap bench_cleanup EXIT

bench_seed() {
  local start creds
  start=$(date +%s.%N)
  creds=$(target/release/anzen-bench "$1" "$dir/anzen.db" "$dir/audit.key" "${@:2}")
  echo "seeded in $(echo "$(date +%s.%N) - $start" | bc) s"
  token=$(echo "$creds" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  session=$(echo "$creds" | python3 -c 'import json,sys; print(json.load(sys.stdin)["session"])')
  offering=$(echo "$creds" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("offering", ""))')
}

bench_serve() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  ANZEN_LOG=warn ANZEN_AUDIT_KEY="$dir/audit.key" ANZEN_BIND=127.0.0.1:$port target/release/anzen \
    --database-url "sqlite://$dir/anzen.db" --config /dev/null serve >"$dir/server.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
}

bench_run() {
  local name=$1; shift
  echo
  echo "== $name"
  wrk -t1 -c8 -d"$duration" --latency "$@" | grep -E '^ +(Latency|50%|90%|99%) |Requests/sec|Non-2xx|Socket errors'
}

bench_memory() {
  echo
  grep -E 'VmHWM|VmRSS' "/proc/$server/status" | sed 's/^/server memory: /'
}
