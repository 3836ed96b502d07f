#!/usr/bin/env bash
# The organisations' REST gateways and the development identity provider, as detached processes; `gateway.sh help`
# lists the verbs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "${ROOT}"

OIDC_PORT="${DEV_OIDC_PORT:-4000}"
READY_TIMEOUT_S="${GATEWAY_READY_TIMEOUT_S:-90}"

usage() {
  cat <<'EOF'
Usage: gateway.sh VERB [ORG...]
  start [ORG...]     build if stale, start the identity provider and the gateways, wait for /readyz
  stop [ORG...]      SIGTERM and wait for the graceful shutdown (without ORG: the identity provider too)
  restart [ORG...]   stop, then start
  status [ORG...]    pid, port, readiness
  env ORG            the environment a gateway is started with (eval it to run one in the foreground)
  run ORG            run one gateway in the foreground with that environment (what start detaches)
ORG is an organisation key of network/topology.json; without one, every organisation.
EOF
}

# The wallet and state directories of ORG on the current network. Certificates, event checkpoints and idempotency
# records belong to one network, so they are kept per CA fingerprint (network_fingerprint, scripts/lib/common.sh).
# Directories of other fingerprints are left alone: they may belong to another network that shares this data
# directory; `network.sh down` deletes its own network's.
prepare_data_dirs() {
  local key="$1" fingerprint="$2" kind
  for kind in wallet state; do
    (umask 077 && mkdir -p "${DATA_ROOT}/${kind}/${key}/${fingerprint}")
  done
}

# The municipality's key for children's keyed pseudonyms: made once, kept outside the repository, never printed.
pseudonym_key_file() {
  local key="$1" file="${GATEWAY_PSEUDONYM_KEY_FILE:-${DATA_ROOT}/pseudonym-key/$1.key}"
  if [[ ! -s "${file}" ]]; then
    (umask 077 && mkdir -p "$(dirname "${file}")" && head -c 32 /dev/urandom >"${file}.tmp" && mv "${file}.tmp" "${file}")
    infoln "created the ${key} pseudonym key ${file}"
  fi
  chmod 600 "${file}"
  echo "${file}"
}

# org_env KEY — prints the gateway's environment as `export` lines.
org_env() {
  local key="$1" fingerprint
  eval "$(topo org "${key}")"
  fingerprint="$(network_fingerprint "${ORG_DIR}")" || fatalln "no CA certificate in ${ORG_DIR}/msp/cacerts; is the network up?"
  prepare_data_dirs "${key}" "${fingerprint}"
  node gateway/tools/org-env.mjs "${key}"
  printf "export GATEWAY_WALLET_DIR='%s'\n" "${DATA_ROOT}/wallet/${key}/${fingerprint}"
  printf "export GATEWAY_STATE_DIR='%s'\n" "${DATA_ROOT}/state/${key}/${fingerprint}"
  if [[ "${ORG_KIND}" == municipality ]]; then
    printf "export GATEWAY_PSEUDONYM_KEY_FILE='%s'\n" "$(pseudonym_key_file "${key}")"
  fi
}

build_if_stale() {
  local dist=gateway/dist/main.js idp=packages/dev-identity-provider/dist/main.js
  # The gateway imports the shared package and the chaincode's core by name: their sources count too.
  if [[ -f "${dist}" && -f "${idp}" ]] &&
    [[ -z "$(find gateway/src gateway/tsconfig.build.json packages/agreements-api/src chaincode/src/core -newer "${dist}" -print -quit)" ]] &&
    [[ -z "$(find packages/dev-identity-provider/src -newer "${idp}" -print -quit)" ]]; then
    return 0
  fi
  infoln "building the gateway, what it imports and the development identity provider"
  if ! npm run --silent build -w @fabric-agreements/api -w chaincode -w gateway -w dev-identity-provider >"${LOG_DIR}/gateway-build.log" 2>&1; then
    tail -n 20 "${LOG_DIR}/gateway-build.log" >&2
    [[ -f "${dist}" && -f "${idp}" ]] || fatalln "the gateway does not build; see ${LOG_DIR}/gateway-build.log"
    warnln "the gateway does not build; starting the previous build (see ${LOG_DIR}/gateway-build.log)"
  fi
}

# The web application each gateway serves (web/dist); its build generates the API types from the gateway's code, so
# the gateway's sources count too. Without a build the gateway serves a placeholder page.
build_web_if_stale() {
  local index=web/dist/index.html
  if [[ -f "${index}" ]] &&
    [[ -z "$(find web/src web/index.html gateway/src packages/agreements-api/src -newer "${index}" -print -quit)" ]]; then
    return 0
  fi
  infoln "building the web application (npm run build -w web)"
  if ! npm run --silent build -w web >"${LOG_DIR}/web-build.log" 2>&1; then
    tail -n 20 "${LOG_DIR}/web-build.log" >&2
    warnln "the web application does not build; the gateways serve its previous build or a placeholder (see ${LOG_DIR}/web-build.log)"
  fi
}

# wait_ready NAME URL — waits until URL answers 2xx; if the process dies or the time runs out, prints the tail of
# its log and fails.
wait_ready() {
  local name="$1" url="$2" deadline=$((SECONDS + READY_TIMEOUT_S))
  until curl -fs -o /dev/null --max-time 2 "${url}"; do
    if ! is_running "${name}" || ((SECONDS >= deadline)); then
      warnln "${name} is not ready at ${url}; last lines of ${LOG_DIR}/${name}.log:"
      tail -n 30 "${LOG_DIR}/${name}.log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

# start_detached NAME URL CMD... — like start_process, but a port already served by a process we did not start
# (someone runs it by hand) is reported rather than fought over.
start_detached() {
  local name="$1" url="$2"
  shift 2
  if ! is_running "${name}" && curl -fs -o /dev/null --max-time 2 "${url}"; then
    warnln "${url} is already served by a process not started by gateway.sh; leaving it alone"
    return 0
  fi
  start_process "${name}" "${ROOT}" "$@"
}

# stop_gracefully NAME — SIGTERM, then up to GATEWAY_STOP_TIMEOUT_S (20) for in-flight requests to finish.
stop_gracefully() {
  local name="$1" pid deadline=$((SECONDS + ${GATEWAY_STOP_TIMEOUT_S:-20}))
  mark_down "${name}"
  is_running "${name}" || { rm -f "${PID_DIR}/${name}.pid"; return 0; }
  pid="$(cat "${PID_DIR}/${name}.pid")"
  kill -TERM -- "-${pid}" 2>/dev/null || kill -TERM "${pid}" 2>/dev/null || true
  while pid_alive "${pid}" && ((SECONDS < deadline)); do sleep 0.2; done
  stop_process "${name}" # kills what is left and removes the pid file
  infoln "stopped ${name}"
}

# Where the identity provider and a gateway are reached on this host: the provider's DEV_OIDC_HOST (loopback unless
# set), the organisation's host address (network/topology.json).
oidc_url() { echo "http://${DEV_OIDC_HOST:-127.0.0.1}:${OIDC_PORT}/.well-known/openid-configuration"; }
gateway_url() { echo "http://$(gateway_host "$1"):$(gateway_port "$1")/readyz"; }
# browser_host ADDRESS — how people's browsers name it: localhost for loopback, as the web login registers it.
browser_host() { if [[ "$1" == 127.0.0.1 ]]; then echo localhost; else echo "$1"; fi; }
gateway_host() {
  eval "$(topo org "$1")"
  echo "${ORG_HOST}"
}

# Production mode (GATEWAY_MODE=production, or NODE_ENV=production): the gateways talk to the organisation's own
# identity provider, so the development one is never started.
production_mode() {
  [[ "${GATEWAY_MODE:-}" == production || ( -z "${GATEWAY_MODE:-}" && "${NODE_ENV:-}" == production ) ]]
}

start_oidc() {
  if production_mode; then
    infoln "production mode: not starting the development identity provider"
    return 0
  fi
  # Every organisation's web client, providers that joined later (network.sh addOrg) included: the merged topology,
  # unless a host names its own file.
  local DEV_OIDC_TOPOLOGY_FILE="${DEV_OIDC_TOPOLOGY_FILE:-}"
  if [[ -z "${DEV_OIDC_TOPOLOGY_FILE}" ]]; then
    topo json >"${FA_HOME}/topology.json"
    DEV_OIDC_TOPOLOGY_FILE="${FA_HOME}/topology.json"
  fi
  # Its address and issuer, when set, go into its spec, so that a restart by the supervisor listens where it did.
  local settings=() name
  for name in DEV_OIDC_HOST DEV_OIDC_ISSUER DEV_OIDC_ALLOW_REMOTE DEV_OIDC_TOPOLOGY_FILE; do
    [[ -z "${!name:-}" ]] || settings+=("${name}=${!name}")
  done
  start_detached dev-oidc "$(oidc_url)" env "${settings[@]}" node packages/dev-identity-provider/dist/main.js
  if is_running dev-oidc; then wait_ready dev-oidc "$(oidc_url)"; fi
}

# start_gateway ORG — the gateway runs as `gateway.sh run ORG`, so that its spec (and the supervisor, and a systemd
# unit) starts it with a freshly computed environment.
start_gateway() {
  local key="$1"
  start_detached "gateway-${key}" "$(gateway_url "${key}")" bash "${ROOT}/scripts/gateway.sh" run "${key}"
}

# run_gateway ORG — replaces this shell with the gateway, in the organisation's environment.
run_gateway() {
  local env
  env="$(org_env "$1")"
  eval "${env}"
  exec node "${ROOT}/gateway/dist/main.js"
}

gateway_port() {
  eval "$(topo org "$1")"
  echo "${GATEWAY_PORT}"
}

cmd_start() {
  local key failed=0
  mkdir -p "${LOG_DIR}" "${PID_DIR}"
  build_if_stale
  build_web_if_stale
  start_oidc
  for key in "$@"; do start_gateway "${key}"; done
  for key in "$@"; do
    if is_running "gateway-${key}"; then wait_ready "gateway-${key}" "$(gateway_url "${key}")" || failed=1; fi
  done
  [[ ${failed} -eq 0 ]] || fatalln "some gateways did not become ready"
  ensure_supervisor
  for key in "$@"; do
    successln "gateway-${key} ready: web application and API at http://$(browser_host "$(gateway_host "${key}")"):$(gateway_port "${key}")/"
  done
}

cmd_stop() {
  local key
  for key in "$@"; do stop_gracefully "gateway-${key}"; done
  if [[ ${ALL_ORGS} == true ]]; then stop_gracefully dev-oidc; fi
}

cmd_status() {
  local key name port state ready
  printf '%-24s %-8s %-8s %-6s %s\n' PROCESS PID STATE READY URL
  for name in dev-oidc $(printf 'gateway-%s ' "$@"); do
    if [[ "${name}" == dev-oidc ]]; then
      port="${OIDC_PORT}" ready="/.well-known/openid-configuration"
    else
      key="${name#gateway-}" port="$(gateway_port "${key}")" ready=/readyz
    fi
    if is_running "${name}"; then state=running; else state=stopped; fi
    local host="${DEV_OIDC_HOST:-127.0.0.1}"
    [[ "${name}" == dev-oidc ]] || host="$(gateway_host "${key}")"
    if curl -fs -o /dev/null --max-time 3 "http://${host}:${port}${ready}"; then ready=yes; else ready=no; fi
    printf '%-24s %-8s %-8s %-6s %s\n' "${name}" "$(cat "${PID_DIR}/${name}.pid" 2>/dev/null || echo -)" \
      "${state}" "${ready}" "http://$(browser_host "${host}"):${port}"
  done
}

[[ $# -ge 1 ]] || { usage; exit 1; }
verb="$1"
shift
ALL_ORGS=false
if [[ $# -eq 0 ]]; then
  ALL_ORGS=true
  # shellcheck disable=SC2046 # organisation keys are single words
  set -- $(topo orgs)
fi
for key in "$@"; do
  [[ " $(topo orgs) " == *" ${key} "* ]] || fatalln "unknown organisation '${key}' (known: $(topo orgs))"
done

case "${verb}" in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  restart)
    cmd_stop "$@"
    cmd_start "$@"
    ;;
  status) cmd_status "$@" ;;
  env)
    [[ $# -eq 1 && ${ALL_ORGS} == false ]] || fatalln "usage: gateway.sh env ORG"
    org_env "$1"
    ;;
  run)
    [[ $# -eq 1 && ${ALL_ORGS} == false ]] || fatalln "usage: gateway.sh run ORG"
    run_gateway "$1"
    ;;
  -h | --help | help) usage ;;
  *)
    usage
    fatalln "unknown verb: ${verb}"
    ;;
esac
