#!/usr/bin/env bash
# A second municipality gateway for the benchmark, so two builds of the gateway can be judged in one run:
#
#   scripts/benchmark/extra-gateway.sh start B 3300 /work/other-worktree   # that checkout's built gateway/dist
#   npm run bench -- --scenarios direct-read,rest-read --gateway A=http://127.0.0.1:3000 --gateway B=http://127.0.0.1:3300
#   scripts/benchmark/extra-gateway.sh stop B
#
# It runs with the environment `gateway.sh env municipality` gives this network's gateway (same peer, identity
# provider, wallet), but on PORT, with a state directory of its own, and with the rate limit the benchmark needs
# (GATEWAY_RATE_LIMIT_PER_MINUTE, default 1000000). Its pid file sits beside the network's, so the benchmark's CPU
# table shows it as `gateway-municipality-NAME`. BUILD_DIR (default: this checkout) must have run `npm ci` and
# `npm run build -w gateway`; its code runs against this network as it is. EXTRA_GATEWAY_NODE_ARGS adds options for
# node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": a CPU profile written when it stops).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
cd "${ROOT}"

usage() {
  echo "usage: extra-gateway.sh start NAME PORT [BUILD_DIR] | stop NAME" >&2
  exit 2
}

verb="${1:-}" name="${2:-}"
[[ "${name}" =~ ^[A-Za-z][A-Za-z0-9-]{0,15}$ ]] || usage
process="gateway-municipality-${name}"

case "${verb}" in
  start)
    port="${3:-}" build="$(cd "${4:-${ROOT}}" && pwd)"
    [[ "${port}" =~ ^[0-9]{2,5}$ ]] || usage
    [[ -f "${build}/gateway/dist/main.js" ]] || fatalln "no ${build}/gateway/dist/main.js: build that checkout first"
    state="${DATA_ROOT}/state/municipality-extra-${name}"
    (umask 077 && mkdir -p "${state}" "${FA_HOME}/extra-gateways/${name}")
    env_file="${FA_HOME}/extra-gateways/${name}/env"
    bash scripts/gateway.sh env municipality >"${env_file}"
    {
      printf "export GATEWAY_PORT='%s'\n" "${port}"
      printf "export GATEWAY_STATE_DIR='%s'\n" "${state}"
      printf "export GATEWAY_RATE_LIMIT_PER_MINUTE='%s'\n" "${GATEWAY_RATE_LIMIT_PER_MINUTE:-1000000}"
      # One deadline scheduler per organisation is enough: the network's own gateway runs it.
      printf "export GATEWAY_SCHEDULER_INTERVAL_MS='0'\n"
    } >>"${env_file}"
    start_process "${process}" "${build}" bash -c "source '${env_file}' && exec node ${EXTRA_GATEWAY_NODE_ARGS:-} '${build}/gateway/dist/main.js'"
    host="$(topo org municipality >/dev/null && eval "$(topo org municipality)" && echo "${ORG_HOST}")"
    for _ in $(seq 1 120); do
      curl -fs -o /dev/null --max-time 2 "http://${host}:${port}/readyz" && {
        successln "${process} (${build}) ready at http://${host}:${port}"
        exit 0
      }
      is_running "${process}" || break
      sleep 0.5
    done
    tail -n 20 "${LOG_DIR}/${process}.log" >&2 || true
    fatalln "${process} did not become ready"
    ;;
  stop)
    stop_process "${process}"
    # Not a service of the network: `network.sh start` must not bring it back.
    rm -f "${SERVICE_DIR}/${process}.spec" "${SERVICE_DIR}/${process}.down"
    ;;
  *) usage ;;
esac
