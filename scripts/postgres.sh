#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on a free 127.0.0.1 port, for the tests (no Docker, no systemd).
#   scripts/postgres.sh start DIR   → prints the connection string (role souk / password souk, database postgres)
#   scripts/postgres.sh stop DIR
# POSTGRES_EXTRA_OPTIONS adds server settings (test.sh turns off fsync for its throw-away data; the bench does not,
# it measures PostgreSQL's defaults).
# Installs Debian's postgresql when it is missing. Runs the server as the "postgres" user. The role is a superuser
# of this throw-away cluster, so tests can drop their databases even while autovacuum is connected.
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?a folder for the cluster}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ "$cmd" = start ] && [ -z "$bin" ]; then
  echo "postgres.sh: installing postgresql" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    mkdir -p "$dir/data" "$dir/sock"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/data" "$dir/sock"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c max_connections=300 ${POSTGRES_EXTRA_OPTIONS:-}" start >/dev/null
    as_postgres psql -h "$dir/sock" -p "$port" -U postgres -q -c "CREATE ROLE souk LOGIN SUPERUSER PASSWORD 'souk';" >/dev/null
    echo "$port" > "$dir/port"
    echo "Host=127.0.0.1;Port=$port;Username=souk;Password=souk;Database=postgres"
    ;;
  stop)
    [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
