# Starts and stops a throwaway PostgreSQL cluster in a temporary folder, listening on a free
# loopback port. Source this file, then call pg_temp_start and pg_temp_stop.
# Sets PG_TEMP_URL (a superuser URL for the `postgres` database) and PG_TEMP_VERSION.

pg_temp_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin." >&2
    echo "Install them with: sudo apt-get install -y postgresql" >&2
    return 1
  fi
  echo "$dir"
}

# Runs a command as the cluster's owner: PostgreSQL refuses to run as root.
pg_temp_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$PG_TEMP_OWNER" -- "$@"
  else
    "$@"
  fi
}

pg_temp_start() {
  local bindir port
  bindir=$(pg_temp_bindir)
  PG_TEMP_BINDIR="$bindir"
  PG_TEMP_DIR=$(mktemp -d -t anzen-pg.XXXXXX)
  PG_TEMP_OWNER=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    PG_TEMP_OWNER=postgres
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --no-create-home postgres
    fi
    chown "$PG_TEMP_OWNER" "$PG_TEMP_DIR"
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  pg_temp_as_owner "$bindir/initdb" -D "$PG_TEMP_DIR/data" -U anzen --auth=trust -E UTF8 --no-locale >"$PG_TEMP_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEMP_DIR/initdb.log" >&2; return 1; }
  pg_temp_as_owner "$bindir/pg_ctl" -D "$PG_TEMP_DIR/data" -l "$PG_TEMP_DIR/server.log" -w start \
    -o "-p $port -k $PG_TEMP_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
    || { cat "$PG_TEMP_DIR/server.log" >&2; return 1; }
  PG_TEMP_URL="postgres://anzen@127.0.0.1:$port/postgres"
  PG_TEMP_VERSION=$("$bindir/postgres" --version)
  export PG_TEMP_URL PG_TEMP_VERSION PG_TEMP_DIR
}

pg_temp_stop() {
  if [ -n "${PG_TEMP_DIR:-}" ] && [ -d "$PG_TEMP_DIR" ]; then
    pg_temp_as_owner "$PG_TEMP_BINDIR/pg_ctl" -D "$PG_TEMP_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEMP_DIR"
  fi
}
