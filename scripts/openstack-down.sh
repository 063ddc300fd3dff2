#!/usr/bin/env bash
# Stops the local OpenStack that scripts/openstack-up.sh started (each daemon by the pid it
# recorded, then RabbitMQ's epmd). `--purge` also deletes its state: databases, images, config.
set -uo pipefail

DIR=${TSUK_OPENSTACK_DIR:-/var/tmp/tsuk-openstack}
[ -d "$DIR/run" ] || { echo "openstack-down: nothing started in $DIR" >&2; exit 0; }
for pidfile in "$DIR"/run/*.pid; do
  [ -e "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  # Each daemon leads its own session (setsid): signal the whole group, so uwsgi's workers and
  # RabbitMQ's Erlang VM go too.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$pidfile"
done
ERL_EPMD_ADDRESS=127.0.0.1 epmd -kill >/dev/null 2>&1 || true
if [ "${1:-}" = "--purge" ]; then rm -rf "$DIR"; fi
echo "openstack-down: stopped" >&2
