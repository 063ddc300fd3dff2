#!/usr/bin/env bash
# A real, small OpenStack on 127.0.0.1 for the tests of `tsuk deploy openstack`: Keystone
# (identity v3), Glance (image v2, file store), Placement, Nova (API, conductor, scheduler and a
# compute service with the fake virt driver, so no hardware virtualization is needed) and Neutron
# (API only: Nova and `--network` need its endpoint), all from Debian's packages, with sqlite
# databases and RabbitMQ for Nova's and Neutron's RPC.
#
# Debian's packages start their daemons through systemd; this script starts each one by hand
# with its own config under $TSUK_OPENSTACK_DIR (default /var/tmp/tsuk-openstack), so /etc and
# the machine's services are left alone. The WSGI APIs run under uwsgi with --http11-socket (a
# plain --http-socket answers HTTP/1.0 and closes each connection); Keystone's sqlite database
# is in WAL mode, or concurrent token checks fail with "database is locked".
#
# Idempotent: installs the packages with apt-get when they are missing (needs root), configures
# and starts what is not running, waits until every API answers and the compute host is
# registered, then prints the path of the env file (OS_* variables for a member user, and
# TSUK_OPENSTACK_* extras for the tests). scripts/openstack-down.sh stops it all.
set -euo pipefail

DIR=${TSUK_OPENSTACK_DIR:-/var/tmp/tsuk-openstack}
HOST=127.0.0.1
ADMIN_PASSWORD=tsuk-admin
SERVICE_PASSWORD=tsuk-service
MEMBER_PASSWORD=tsuk-member
READER_PASSWORD=tsuk-reader
REGION=RegionOne
# Glance refuses image data over this many bytes with 413 (the tests upload one just over it);
# tsuk's images of the examples are far smaller.
SIZE_CAP=$((4 * 1024 * 1024))
PACKAGES="keystone glance nova-api nova-conductor nova-scheduler placement-api neutron-api rabbitmq-server python3-openstackclient uwsgi-plugin-python3 sqlite3 curl"

log() { echo "openstack-up: $*" >&2; }
started=$(date +%s)

# --- packages -----------------------------------------------------------------------------
missing=""
for p in $PACKAGES; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"; done
if [ -n "$missing" ]; then
  [ "$(id -u)" -eq 0 ] || { log "needs root to install:$missing"; exit 1; }
  log "installing$missing"
  # Without systemd, the packages' init scripts must not try to start the daemons.
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
  fi
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
  log "installed in $(( $(date +%s) - started )) s"
fi

mkdir -p "$DIR"/{etc,log,run,keystone,glance/images,nova/lock,nova/instances,neutron/lock,placement}
ENV_FILE=$DIR/openrc

# --- helpers ------------------------------------------------------------------------------
running() { [ -f "$DIR/run/$1.pid" ] && kill -0 "$(cat "$DIR/run/$1.pid")" 2>/dev/null; }

# start NAME COMMAND…: runs a daemon in the background with its log in $DIR/log/NAME.log.
start() {
  local name=$1; shift
  if running "$name"; then return 0; fi
  setsid "$@" >>"$DIR/log/$name.log" 2>&1 < /dev/null &
  echo $! > "$DIR/run/$name.pid"
}

# wsgi NAME PORT SCRIPT [ENV=VALUE…] [-- uwsgi options…]: a WSGI API under uwsgi on $HOST:PORT.
wsgi() {
  local name=$1 port=$2 script=$3; shift 3
  local envs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=(--env "$1"); shift; done
  [ "${1:-}" != "--" ] || shift
  start "$name" uwsgi --plugin python3 --http11-socket "$HOST:$port" --wsgi-file "$script" \
    --master --processes 1 --threads 8 --lazy-apps --enable-threads --die-on-term --need-app \
    --buffer-size 65535 "${envs[@]}" "$@"
}

# wait_http NAME URL: until URL answers with any HTTP status (the API is up), at most 180 s.
wait_http() {
  local name=$1 url=$2
  for _ in $(seq 1 360); do
    if curl -s -o /dev/null -m 5 "$url"; then return 0; fi
    if ! running "$name"; then log "$name exited; its log:"; tail -n 30 "$DIR/log/$name.log" >&2; exit 1; fi
    sleep 0.5
  done
  log "$name: no answer from $url after 180 s; its log:"; tail -n 30 "$DIR/log/$name.log" >&2; exit 1
}

wal() { sqlite3 "$1" 'PRAGMA journal_mode=WAL;' >/dev/null; }

authtoken() { # the [keystone_authtoken]-style section of service user $1
  cat <<EOF
www_authenticate_uri = http://$HOST:5000
auth_url = http://$HOST:5000
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $SERVICE_PASSWORD
region_name = $REGION
EOF
}

# RabbitMQ as this user (Debian's wrapper in /usr/sbin would switch to the rabbitmq user).
RABBIT_ENV=(env RABBITMQ_NODENAME=tsuk@localhost RABBITMQ_NODE_IP_ADDRESS=$HOST ERL_EPMD_ADDRESS=$HOST
  RABBITMQ_MNESIA_BASE="$DIR/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$DIR/log"
  RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/etc/rabbitmq-plugins" HOME="$DIR/rabbitmq")
TRANSPORT=rabbit://guest:guest@$HOST:5672/

# --- daemons ------------------------------------------------------------------------------
# RabbitMQ, Keystone, Glance and Placement: the ones the accounts and Nova's start need.
start_core() {
  if ! running rabbitmq; then
    start rabbitmq "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server
  fi
  wsgi keystone 5000 /usr/bin/keystone-wsgi-public "OS_KEYSTONE_CONFIG_DIR=$DIR/etc/keystone"
  wsgi glance 9292 /usr/bin/glance-wsgi-api "OS_GLANCE_CONFIG_DIR=$DIR/etc/glance"
  wsgi placement 8778 /usr/bin/placement-api "OS_PLACEMENT_CONFIG_DIR=$DIR/etc/placement"
  wait_http keystone "http://$HOST:5000/v3"
}

# Projects, users, roles, services and endpoints, through Keystone's API as admin (one
# `openstack` command per call would take minutes).
admin_token() {
  curl -sf -D - -o /dev/null -H 'Content-Type: application/json' "http://$HOST:5000/v3/auth/tokens" -d \
    '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"id":"default"},"password":"'"$ADMIN_PASSWORD"'"}}},
      "scope":{"project":{"name":"admin","domain":{"id":"default"}}}}}' | tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p'
}

create_accounts() {
  local token
  token=$(admin_token)
  # k METHOD PATH [JSON]: a Keystone call; prints the id of what it created.
  k() {
    curl -sf -X "$1" -H "X-Auth-Token: $token" -H 'Content-Type: application/json' "http://$HOST:5000/v3$2" ${3:+-d "$3"} |
      /usr/bin/python3 -c 'import json, sys; d = sys.stdin.read(); print(next(iter(json.loads(d).values())).get("id", "") if d else "")'
  }
  role() { curl -sf -H "X-Auth-Token: $token" "http://$HOST:5000/v3/roles?name=$1" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["roles"][0]["id"])'; }
  project() { k POST /projects '{"project":{"name":"'"$1"'","domain_id":"default"}}'; }
  user() { k POST /users '{"user":{"name":"'"$1"'","password":"'"$2"'","domain_id":"default"}}'; }
  grant() { k PUT "/projects/$1/users/$2/roles/$3" >/dev/null; }
  local admin member reader service tsuk u id
  admin=$(role admin); member=$(role member); reader=$(role reader)
  service=$(project service); tsuk=$(project tsuk)
  u=$(user tsuk-member "$MEMBER_PASSWORD"); grant "$tsuk" "$u" "$member"
  u=$(user tsuk-reader "$READER_PASSWORD"); grant "$tsuk" "$u" "$reader"
  for svc in glance nova placement neutron; do u=$(user "$svc" "$SERVICE_PASSWORD"); grant "$service" "$u" "$admin"; done
  endpoint() { # TYPE NAME URL
    id=$(k POST /services '{"service":{"type":"'"$1"'","name":"'"$2"'"}}')
    for i in public internal admin; do k POST /endpoints '{"endpoint":{"service_id":"'"$id"'","interface":"'"$i"'","region_id":"'"$REGION"'","url":"'"$3"'"}}' >/dev/null; done
  }
  endpoint image glance "http://$HOST:9292"
  endpoint placement placement "http://$HOST:8778"
  endpoint compute nova "http://$HOST:8774/v2.1"
  endpoint network neutron "http://$HOST:9696"
}

# --- configuration (written once) ---------------------------------------------------------
if [ ! -f "$DIR/configured" ]; then
  # A configuration that never finished is started over.
  if [ -d "$DIR/run" ]; then TSUK_OPENSTACK_DIR=$DIR "$(dirname "$0")/openstack-down.sh" --purge 2>/dev/null; fi
  mkdir -p "$DIR"/{etc,log,run,keystone,glance/images,nova/lock,nova/instances,neutron/lock,placement}
  log "configuring in $DIR (log: $DIR/log/setup.log)"
  exec 3>&2 2>>"$DIR/log/setup.log" >&2
  trap 'exec 2>&3; log "configuration failed; the end of $DIR/log/setup.log:"; tail -n 20 "$DIR/log/setup.log" >&2' ERR
  mkdir -p "$DIR/etc"/{keystone,glance,nova,placement,neutron} "$DIR/rabbitmq"
  echo '[].' > "$DIR/etc/rabbitmq-plugins"

  cat > "$DIR/etc/keystone/keystone.conf" <<EOF
[DEFAULT]
use_stderr = true
[database]
connection = sqlite:///$DIR/keystone/keystone.sqlite
[token]
provider = fernet
[fernet_tokens]
key_repository = $DIR/keystone/fernet-keys
[fernet_receipts]
key_repository = $DIR/keystone/fernet-keys
[credential]
key_repository = $DIR/keystone/credential-keys
EOF

  cat > "$DIR/etc/glance/glance-api.conf" <<EOF
[DEFAULT]
use_stderr = true
enabled_backends = file:file
image_size_cap = $SIZE_CAP
enforce_secure_rbac = true
[database]
connection = sqlite:///$DIR/glance/glance.sqlite
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = $DIR/glance/images/
[os_glance_staging_store]
filesystem_store_datadir = $DIR/glance/staging/
[os_glance_tasks_store]
filesystem_store_datadir = $DIR/glance/tasks/
[oslo_policy]
enforce_new_defaults = true
enforce_scope = true
[paste_deploy]
flavor = keystone
[keystone_authtoken]
$(authtoken glance)
EOF
  cp /etc/glance/glance-api-paste.ini "$DIR/etc/glance/"

  cat > "$DIR/etc/placement/placement.conf" <<EOF
[DEFAULT]
use_stderr = true
[placement_database]
connection = sqlite:///$DIR/placement/placement.sqlite
[api]
auth_strategy = keystone
[keystone_authtoken]
$(authtoken placement)
EOF

  cat > "$DIR/etc/nova/nova.conf" <<EOF
[DEFAULT]
use_stderr = true
transport_url = $TRANSPORT
compute_driver = fake.FakeDriver
my_ip = $HOST
host = tsuk-compute
state_path = $DIR/nova
instances_path = $DIR/nova/instances
[api]
auth_strategy = keystone
[api_database]
connection = sqlite:///$DIR/nova/nova_api.sqlite
[database]
connection = sqlite:///$DIR/nova/nova.sqlite
[keystone_authtoken]
$(authtoken nova)
[placement]
$(authtoken placement)
[neutron]
$(authtoken neutron)
[scheduler]
discover_hosts_in_cells_interval = 2
[oslo_concurrency]
lock_path = $DIR/nova/lock
[vnc]
enabled = false
[wsgi]
api_paste_config = /etc/nova/api-paste.ini
EOF
  cp /etc/nova/api-paste.ini "$DIR/etc/nova/"

  cat > "$DIR/etc/neutron/neutron.conf" <<EOF
[DEFAULT]
use_stderr = true
core_plugin = ml2
service_plugins =
auth_strategy = keystone
transport_url = $TRANSPORT
state_path = $DIR/neutron
api_paste_config = /etc/neutron/api-paste.ini
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
[database]
connection = sqlite:///$DIR/neutron/neutron.sqlite
[keystone_authtoken]
$(authtoken neutron)
[oslo_concurrency]
lock_path = $DIR/neutron/lock
[ml2]
type_drivers = flat
tenant_network_types =
mechanism_drivers =
[ml2_type_flat]
flat_networks = *
EOF

  # Databases and Keystone's keys.
  K=(keystone-manage --config-file "$DIR/etc/keystone/keystone.conf")
  "${K[@]}" db_sync
  wal "$DIR/keystone/keystone.sqlite"
  "${K[@]}" fernet_setup --keystone-user root --keystone-group root
  "${K[@]}" credential_setup --keystone-user root --keystone-group root
  "${K[@]}" bootstrap --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-region-id "$REGION" \
    --bootstrap-admin-url "http://$HOST:5000/v3/" --bootstrap-public-url "http://$HOST:5000/v3/" --bootstrap-internal-url "http://$HOST:5000/v3/"
  glance-manage --config-file "$DIR/etc/glance/glance-api.conf" db_sync >/dev/null 2>&1
  wal "$DIR/glance/glance.sqlite"
  placement-manage --config-file "$DIR/etc/placement/placement.conf" db sync
  wal "$DIR/placement/placement.sqlite"
  N=(nova-manage --config-file "$DIR/etc/nova/nova.conf")
  "${N[@]}" api_db sync
  "${N[@]}" cell_v2 map_cell0 --database_connection "sqlite:///$DIR/nova/nova_cell0.sqlite"
  "${N[@]}" cell_v2 create_cell --name cell1 >/dev/null
  "${N[@]}" db sync
  for db in nova_api nova nova_cell0; do wal "$DIR/nova/$db.sqlite"; done
  # Neutron's migrations alter constraints, which sqlite cannot: create its schema from the
  # models (as Neutron's own unit tests do) and mark it current.
  /usr/bin/python3 -c 'import sys, sqlalchemy; from neutron.db.migration.models import head
head.get_metadata().create_all(sqlalchemy.create_engine(sys.argv[1]))' "sqlite:///$DIR/neutron/neutron.sqlite"
  neutron-db-manage --config-file "$DIR/etc/neutron/neutron.conf" stamp heads
  wal "$DIR/neutron/neutron.sqlite"
  start_core
  create_accounts
  touch "$DIR/configured"
  exec 2>&3 3>&-
  trap - ERR
fi

start_core
wsgi nova-api 8774 /usr/bin/nova-api-wsgi "OS_NOVA_CONFIG_DIR=$DIR/etc/nova"
wsgi neutron 9696 /usr/bin/neutron-api -- --pyargv "--config-file $DIR/etc/neutron/neutron.conf"
start nova-conductor nova-conductor --config-file "$DIR/etc/nova/nova.conf"
start nova-scheduler nova-scheduler --config-file "$DIR/etc/nova/nova.conf"
# Debian's nova-compute package pulls in libvirt; the fake driver needs only python3-nova.
start nova-compute /usr/bin/python3 -c 'import sys; from nova.cmd.compute import main; sys.argv[0] = "nova-compute"; sys.exit(main())' \
  --config-file "$DIR/etc/nova/nova.conf"

wait_http glance "http://$HOST:9292/"
wait_http placement "http://$HOST:8778/"
wait_http nova-api "http://$HOST:8774/"
wait_http neutron "http://$HOST:9696/"

TOKEN=$(admin_token)
nova() { curl -sf -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' "http://$HOST:8774/v2.1$1" "${@:2}"; }
if [ ! -f "$DIR/flavors" ]; then
  nova /flavors -d '{"flavor":{"name":"tsuk.tiny","ram":64,"vcpus":1,"disk":1}}' >/dev/null
  # More disk than the fake compute host has (600 000 GB), within the project's quotas: a server
  # of it is accepted and then scheduled nowhere (ERROR, "No valid host was found").
  nova /flavors -d '{"flavor":{"name":"tsuk.huge","ram":64,"vcpus":1,"disk":700000}}' >/dev/null
  touch "$DIR/flavors"
fi

# The compute host counts once Nova's scheduler can place a server on it: registered in
# Placement and mapped to cell1 (the scheduler discovers new hosts every 2 s).
for i in $(seq 1 120); do
  if nova /os-hypervisors | grep -q '"state": "up"'; then break; fi
  running nova-compute || { log "nova-compute exited; its log:"; tail -n 30 "$DIR/log/nova-compute.log" >&2; exit 1; }
  [ "$i" -lt 120 ] || { log "the compute host never registered; see $DIR/log/nova-*.log"; exit 1; }
  sleep 1
done

cat > "$ENV_FILE" <<EOF
# Written by scripts/openstack-up.sh: a member of project "tsuk" on the local cloud.
export OS_AUTH_URL=http://$HOST:5000/v3
export OS_USERNAME=tsuk-member
export OS_PASSWORD=$MEMBER_PASSWORD
export OS_PROJECT_NAME=tsuk
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=$REGION
export OS_IDENTITY_API_VERSION=3
# For the tests: the other accounts, flavors, Glance's limits and store.
export TSUK_OPENSTACK_READER_USERNAME=tsuk-reader
export TSUK_OPENSTACK_READER_PASSWORD=$READER_PASSWORD
export TSUK_OPENSTACK_ADMIN_PASSWORD=$ADMIN_PASSWORD
export TSUK_OPENSTACK_FLAVOR=tsuk.tiny
export TSUK_OPENSTACK_UNSCHEDULABLE_FLAVOR=tsuk.huge
export TSUK_OPENSTACK_GLANCE_SIZE_CAP=$SIZE_CAP
export TSUK_OPENSTACK_GLANCE_STORE=$DIR/glance/images
export TSUK_OPENSTACK_PLACEMENT_URL=http://$HOST:8778
EOF
log "ready in $(( $(date +%s) - started )) s"
echo "$ENV_FILE"
