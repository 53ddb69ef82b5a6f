#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a loopback port, for the tests and the benchmarks.
# Nothing assumes a server is already there: this makes one in a folder and removes it.
#
#   tools/postgres.sh start DIR PORT [fast]   initdb DIR, start on 127.0.0.1:PORT, print the URL
#   tools/postgres.sh stop DIR                stop it and remove DIR
#
# "fast" turns off fsync for test runs (a crash loses the cluster, which is thrown away
# anyway); benchmarks run without it, with synchronous_commit off (as SQLite's WAL mode
# with synchronous=NORMAL: a crash may lose the last commits, never corrupts).
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?a folder for the cluster}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_owner() {  # initdb and postgres refuse to run as root: run them as Debian's postgres user
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    port=${3:?a port}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir" -U chatcredit --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300"
    opts="$opts -c synchronous_commit=off -c shared_buffers=256MB"
    if [ "${4:-}" = fast ]; then opts="$opts -c fsync=off -c full_page_writes=off"; fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "$opts" -w -t 60 start >/dev/null
    echo "postgresql://chatcredit@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT [fast] | stop DIR" >&2; exit 2 ;;
esac
