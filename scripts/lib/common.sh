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

is_running() {
  local pidfile="${PID_DIR}/$1.pid"
  [[ -f "${pidfile}" ]] && kill -0 "$(cat "${pidfile}")" 2>/dev/null
}

# start_process NAME WORKDIR CMD... — runs CMD detached in its own session (so `down` can stop
# the whole process group, chaincode children included), logging to logs/NAME.log.
start_process() {
  local name="$1" workdir="$2"
  shift 2
  mkdir -p "${LOG_DIR}" "${PID_DIR}" "${workdir}"
  if is_running "${name}"; then
    infoln "${name} already running (pid $(cat "${PID_DIR}/${name}.pid"))"
    return 0
  fi
  (cd "${workdir}" && exec setsid "$@" >>"${LOG_DIR}/${name}.log" 2>&1 </dev/null) &
  echo $! >"${PID_DIR}/${name}.pid"
  infoln "started ${name} (pid $!), log ${LOG_DIR}/${name}.log"
}

stop_process() {
  local name="$1" pidfile="${PID_DIR}/$1.pid" pid i
  [[ -f "${pidfile}" ]] || return 0
  pid="$(cat "${pidfile}")"
  if kill -0 "${pid}" 2>/dev/null; then
    kill -TERM -- "-${pid}" 2>/dev/null || kill -TERM "${pid}" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "${pid}" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-${pid}" 2>/dev/null || true
    infoln "stopped ${name} (pid ${pid})"
  fi
  rm -f "${pidfile}"
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
