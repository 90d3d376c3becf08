#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL cluster: install Debian's postgresql if it is
# missing, start a cluster on a free local port in a temporary folder, export DATABASE_URL,
# run the command, then stop the cluster and delete it.
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

if ! PGBIN=$(find_bin); then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PGBIN=$(find_bin)
  else
    echo "PostgreSQL tests need Debian's postgresql. Install it with: sudo apt-get install postgresql" >&2
    exit 1
  fi
fi

PGDATA_DIR=$(mktemp -d /tmp/council-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root: the cluster belongs to the postgres system user.
  id postgres >/dev/null 2>&1 || useradd --system --home "$PGDATA_DIR" postgres
  chown postgres "$PGDATA_DIR"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  "${as_owner[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA_DIR"
}
trap cleanup EXIT

"${as_owner[@]}" "$PGBIN/initdb" -D "$PGDATA_DIR/data" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 >/dev/null
"${as_owner[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -w -l "$PGDATA_DIR/log" \
  -o "-p $PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
  start >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PORT"
"$@"
