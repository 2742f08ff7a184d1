#!/usr/bin/env bash
# HAProxy in front of two `bulletin serve` nodes, on one machine, as docs/DEPLOY.md sets
# them up on several: TCP mode, `balance source`, `send-proxy-v2`; both nodes share one host
# key and each has its own archive. A client reads through the balancer from 127.0.0.2, and
# the node that served it logs 127.0.0.2, not the balancer's address.
#
#   BULLETIN=target/release/bulletin examples/balance/two-nodes.sh
#
# Needs haproxy and ssh (Debian: haproxy, openssh-client). WORK names the folder to work
# in (default: a new one under /tmp); everything is stopped on the way out.
set -euo pipefail
BULLETIN=${BULLETIN:-bulletin}
work=${WORK:-$(mktemp -d)}
haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT

# One host key for every node: a client's known_hosts accepts whichever it reaches.
rm -f "$work/host_key" "$work/host_key.pub"
ssh-keygen -q -t ed25519 -N '' -C bulletin-nodes -f "$work/host_key"

# Each node with a home of its own (its archive, filled by its own fetches).
start_node() {
  local name=$1 home="$work/$1"
  for d in config data state cache home runtime; do mkdir -p "$home/$d"; done
  HOME="$home/home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime" \
    "$BULLETIN" serve --listen 127.0.0.1:0 --proxy-protocol --host-key "$work/host_key" \
    >"$work/$name.out" 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q 'listening on' "$work/$name.out" 2>/dev/null && break
    sleep 0.1
  done
  sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/$name.out"
}
port_a=$(start_node a)
port_b=$(start_node b)
echo "node a on 127.0.0.1:$port_a, node b on 127.0.0.1:$port_b"

# The balancer, on a port of its own (tried until one is free).
for _ in $(seq 20); do
  port=$((20000 + RANDOM % 40000))
  cat >"$work/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode tcp
    timeout connect 5s
    timeout client 13h
    timeout server 13h
frontend ssh
    bind 127.0.0.1:$port
    default_backend bulletin
backend bulletin
    balance source
    server a 127.0.0.1:$port_a send-proxy-v2 check check-send-proxy inter 1s
    server b 127.0.0.1:$port_b send-proxy-v2 check check-send-proxy inter 1s
CFG
  "$haproxy" -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
  hp=$!
  sleep 0.5
  if kill -0 "$hp" 2>/dev/null; then pids+=("$hp"); break; fi
done
echo "haproxy on 127.0.0.1:$port"

ssh_opts=(-F /dev/null -o StrictHostKeyChecking=accept-new
  -o "UserKnownHostsFile=$work/known_hosts" -o IdentitiesOnly=yes -o IdentityFile=none
  -o LogLevel=ERROR -o ConnectTimeout=10 -p "$port")
# Through the balancer, from another loopback address than the balancer's own.
for _ in $(seq 50); do
  if ssh "${ssh_opts[@]}" -b 127.0.0.2 127.0.0.1 rates </dev/null >"$work/rates.txt" 2>"$work/ssh.err"; then
    break
  fi
  sleep 0.2
done
echo "--- read through the balancer:"
cat "$work/rates.txt"
sleep 0.3
sleep 2  # a health check or two: they carry a PROXY header too, and are not logged
echo "--- the nodes' logs:"
grep -H 'session ' "$work/a.log" "$work/b.log" || true
