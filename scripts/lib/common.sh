# Shared by the network scripts: paths, logging, native process supervision, CLI environments.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export FABRIC_AGREEMENTS_HOME="${FABRIC_AGREEMENTS_HOME:-${ROOT}/.fabric}"
FA_HOME="${FABRIC_AGREEMENTS_HOME}"
LOG_DIR="${FA_HOME}/logs"
PID_DIR="${FA_HOME}/pids"
ARTIFACTS_DIR="${FA_HOME}/channel-artifacts"
export ORDERER_COUNT="${ORDERER_COUNT:-1}"
# Data that must not live in the clone (network secrets, gateway wallets and state), per user.
DATA_ROOT="${XDG_DATA_HOME:-${HOME}/.local/share}/fabric-agreements"
# Everything the scripts generate (keys, CA databases, configs, secrets, logs) is readable by this user only.
umask 077

topo() { node "${ROOT}/scripts/lib/topology.mjs" "$@"; }
# peer_json QUESTION [ARG] — answers a question about the JSON a Fabric CLI printed on stdin (scripts/lib/peer-json.mjs).
peer_json() { node "${ROOT}/scripts/lib/peer-json.mjs" "$@"; }

infoln() { printf '\033[0;34m%s\033[0m\n' "$*" >&2; }
successln() { printf '\033[0;32m%s\033[0m\n' "$*" >&2; }
warnln() { printf '\033[0;33m%s\033[0m\n' "$*" >&2; }
fatalln() {
  printf '\033[0;31m%s\033[0m\n' "$*" >&2
  exit 1
}

ensure_binaries() {
  if [[ -z "${FABRIC_BIN_DIR:-}" ]]; then
    FABRIC_BIN_DIR="$(bash "${ROOT}/scripts/install-fabric.sh" | tail -n 1)"
  fi
  export PATH="${FABRIC_BIN_DIR}:${PATH}"
}

# The network's processes: NAME.pid (the running process), NAME.spec (how to start it again: working directory and
# command, written by start_process), NAME.down (stopped on purpose: the supervisor leaves it alone), NAME.restarts
# (how often the supervisor restarted it).
SERVICE_DIR="${FA_HOME}/services"

# pid_alive PID — the process exists and has not finished exiting. `kill -0` succeeds on a zombie nobody has reaped
# yet, so a zombie (state Z or X in /proc/PID/stat, after the parenthesised command name) counts as dead — but only
# once all its threads are gone: a multi-threaded program's main thread shows Z while its other threads are still
# exiting and still hold its files (a peer's LevelDB locks, say).
pid_alive() {
  local pid="$1" stat tasks
  [[ "${pid}" =~ ^[0-9]+$ ]] && kill -0 "${pid}" 2>/dev/null || return 1
  stat="$(cat "/proc/${pid}/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ -n "${stat}" ]] || return 1
  if [[ "${stat:0:1}" == Z || "${stat:0:1}" == X ]]; then
    tasks=("/proc/${pid}/task"/*)
    [[ ${#tasks[@]} -gt 1 ]]
    return
  fi
  return 0
}

is_running() {
  local pidfile="${PID_DIR}/$1.pid"
  [[ -f "${pidfile}" ]] && pid_alive "$(cat "${pidfile}")"
}

# start_process NAME WORKDIR CMD... — runs CMD detached in its own session (so `down` can stop
# the whole process group, chaincode children included), logging to logs/NAME.log. Environment a process needs is
# part of CMD (`env K=V … program`), so that its spec starts it again the same way (network.sh start, the
# supervisor, systemd units).
start_process() {
  local name="$1" workdir="$2"
  shift 2
  mkdir -p "${LOG_DIR}" "${PID_DIR}" "${SERVICE_DIR}" "${workdir}"
  {
    printf 'SPEC_WORKDIR=%q\n' "${workdir}"
    printf 'SPEC_CMD=('
    printf '%q ' "$@"
    printf ')\n'
  } >"${SERVICE_DIR}/${name}.spec"
  rm -f "${SERVICE_DIR}/${name}.down"
  if is_running "${name}"; then
    infoln "${name} already running (pid $(cat "${PID_DIR}/${name}.pid"))"
    return 0
  fi
  (cd "${workdir}" && exec setsid "$@" >>"${LOG_DIR}/${name}.log" 2>&1 </dev/null) &
  echo $! >"${PID_DIR}/${name}.pid"
  infoln "started ${name} (pid $!), log ${LOG_DIR}/${name}.log"
}

# respawn NAME — starts NAME again from its spec.
respawn() {
  local name="$1" SPEC_WORKDIR="" SPEC_CMD=()
  [[ -f "${SERVICE_DIR}/${name}.spec" ]] || { warnln "no spec for ${name}"; return 1; }
  # shellcheck disable=SC1090 # written by start_process with printf %q
  source "${SERVICE_DIR}/${name}.spec"
  start_process "${name}" "${SPEC_WORKDIR}" "${SPEC_CMD[@]}"
}

# mark_down NAME — NAME is being stopped on purpose: the supervisor must not bring it back.
mark_down() {
  mkdir -p "${SERVICE_DIR}"
  touch "${SERVICE_DIR}/$1.down"
}

stop_process() {
  local name="$1" pidfile="${PID_DIR}/$1.pid" pid i
  [[ -f "${pidfile}" ]] || return 0
  mark_down "${name}"
  pid="$(cat "${pidfile}")"
  if pid_alive "${pid}"; then
    kill -TERM -- "-${pid}" 2>/dev/null || kill -TERM "${pid}" 2>/dev/null || true
    for i in $(seq 1 50); do
      pid_alive "${pid}" || break
      sleep 0.2
    done
    kill -KILL -- "-${pid}" 2>/dev/null || true
    # Until it has fully exited: its files (ledger locks) are free only then.
    for i in $(seq 1 25); do
      pid_alive "${pid}" || break
      sleep 0.2
    done
    infoln "stopped ${name} (pid ${pid})"
  fi
  rm -f "${pidfile}"
}

# The order in which a stopped network's processes start again: CAs, orderers, peers, chaincode servers, the
# identity provider, gateways. service_rank NAME prints its place.
service_rank() {
  case "$1" in
    ca-*) echo 1 ;;
    orderer*) echo 2 ;;
    peer*) echo 3 ;;
    ccaas-*) echo 4 ;;
    dev-oidc) echo 5 ;;
    gateway-*) echo 6 ;;
    supervisor) echo 9 ;;
    *) echo 7 ;;
  esac
}

# services [RANK] — the names of every process with a spec (of one rank), in start order.
services() {
  local spec name
  for spec in "${SERVICE_DIR}"/*.spec; do
    [[ -e "${spec}" ]] || continue
    name="$(basename "${spec}" .spec)"
    [[ -z "${1:-}" || "$(service_rank "${name}")" == "$1" ]] || continue
    echo "$(service_rank "${name}") ${name}"
  done | sort | cut -d' ' -f2
}

# ensure_supervisor — starts the supervisor (scripts/lib/supervisor.sh) unless it runs or SUPERVISE=0.
ensure_supervisor() {
  [[ "${SUPERVISE:-1}" != 0 ]] || return 0
  is_running supervisor && { rm -f "${SERVICE_DIR}/supervisor.down"; return 0; }
  start_process supervisor "${FA_HOME}" bash "${ROOT}/scripts/lib/supervisor.sh"
}

# wait_for_url URL [SECONDS] — polls until the URL answers 2xx.
wait_for_url() {
  local url="$1" timeout="${2:-60}" i
  for i in $(seq 1 $((timeout * 4))); do
    curl -fsk -o /dev/null "${url}" 2>/dev/null && return 0
    sleep 0.25
  done
  return 1
}

# wait_for_port PORT [SECONDS] [HOST]
wait_for_port() {
  local port="$1" timeout="${2:-60}" host="${3:-127.0.0.1}" i
  for i in $(seq 1 $((timeout * 4))); do
    (exec 3<>"/dev/tcp/${host}/${port}") 2>/dev/null && return 0
    sleep 0.25
  done
  return 1
}

# network_id — a random id for the network under FA_HOME, made at its first `up`; it keys the network's secrets.
network_id() {
  if [[ ! -s "${FA_HOME}/network-id" ]]; then
    mkdir -p "${FA_HOME}"
    od -An -N8 -tx1 /dev/urandom | tr -d ' \n' >"${FA_HOME}/network-id"
  fi
  cat "${FA_HOME}/network-id"
}

# network_fingerprint ORG_DIR — a short fingerprint of an organisation's CA certificate(s): it changes whenever the
# network is re-created. Keys the gateway's wallet and state directories. Fails when there is no certificate.
network_fingerprint() {
  local org_dir="$1" certs=()
  shopt -s nullglob
  certs=("${org_dir}"/msp/cacerts/*.pem)
  shopt -u nullglob
  [[ ${#certs[@]} -gt 0 ]] || return 1
  cat "${certs[@]}" | sha256sum | cut -c1-16
}

# The network's generated passwords: one 0600 file in a 0700 directory outside the clone, NAME=value per line.
secrets_dir() { echo "${DATA_ROOT}/networks/$(network_id)"; }
secrets_file() { echo "$(secrets_dir)/secrets.env"; }

# secret NAME — prints the network's password NAME, generating a random one (144 bits) the first time. Callers pass
# it on in environment variables or files, never in arguments (those show in `ps`) or log lines.
secret() {
  local name="$1" file value
  [[ "${name}" =~ ^[A-Za-z0-9_]+$ ]] || fatalln "invalid secret name ${name}"
  file="$(secrets_file)"
  if [[ -f "${file}" ]]; then
    value="$(sed -n "s/^${name}=//p" "${file}")"
    [[ -n "${value}" ]] && { echo "${value}"; return 0; }
  fi
  mkdir -p "$(dirname "${file}")"
  chmod 700 "$(dirname "${file}")"
  value="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
  echo "${name}=${value}" >>"${file}"
  chmod 600 "${file}"
  echo "${value}"
}

# use_org KEY — environment for the peer CLI acting as that organisation's admin on its own peer.
use_org() {
  eval "$(topo org "$1")"
  export FABRIC_CFG_PATH="${FA_HOME}/nodes/${PEER_NAME}"
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_LOCALMSPID="${ORG_MSP}"
  export CORE_PEER_TLS_ROOTCERT_FILE="${PEER_TLS_CA}"
  export CORE_PEER_MSPCONFIGPATH="${ADMIN_MSP}"
  export CORE_PEER_ADDRESS="${PEER_ADDRESS}"
  # Peers require TLS client certificates: the admin's, issued by the organisation's CA (TLS profile).
  export CORE_PEER_TLS_CLIENTAUTHREQUIRED=true
  export CORE_PEER_TLS_CLIENTCERT_FILE="${ADMIN_TLS_DIR}/client.crt"
  export CORE_PEER_TLS_CLIENTKEY_FILE="${ADMIN_TLS_DIR}/client.key"
}

use_orderer() {
  eval "$(topo orderer "${1:-orderer0}")"
}
