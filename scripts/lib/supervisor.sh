#!/usr/bin/env bash
# The network's supervisor: every SUPERVISOR_INTERVAL_S (2) seconds it looks at each process of the network that
# has a spec (scripts/lib/common.sh start_process) and is not stopped on purpose (NAME.down); one that died — exited,
# killed, or a zombie — is started again from its spec. Restarts back off exponentially per process (2, 4, 8 … up
# to SUPERVISOR_MAX_BACKOFF_S, 60 s) while it keeps dying, and the back-off starts over once it has stayed up for a
# minute. Each restart is counted in NAME.restarts (shown by `network.sh status`) and logged in logs/supervisor.log.
# Started by `network.sh up|start` and `gateway.sh start`; stopped by `network.sh stop|down`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_binaries

INTERVAL_S="${SUPERVISOR_INTERVAL_S:-2}"
MAX_BACKOFF_S="${SUPERVISOR_MAX_BACKOFF_S:-60}"
STABLE_S=60
declare -A failures=() next_try=() started=()

log() { printf '%s supervisor: %s\n' "$(date -u +%FT%TZ)" "$*"; }
log "watching ${SERVICE_DIR} every ${INTERVAL_S}s"
trap 'log "stopping"; exit 0' TERM INT

while true; do
  for name in $(services); do
    [[ "${name}" != supervisor ]] || continue
    if is_running "${name}"; then
      if [[ -n "${started[${name}]:-}" ]] && ((SECONDS - started[${name}] >= STABLE_S)); then
        failures[${name}]=0
        unset "started[${name}]"
      fi
      continue
    fi
    # Dead. Stopped on purpose? (stop_process marks before it signals, so this check after the liveness check sees it.)
    [[ ! -e "${SERVICE_DIR}/${name}.down" ]] || continue
    ((SECONDS >= ${next_try[${name}]:-0})) || continue
    count=$(($(cat "${SERVICE_DIR}/${name}.restarts" 2>/dev/null || echo 0) + 1))
    echo "${count}" >"${SERVICE_DIR}/${name}.restarts"
    failures[${name}]=$((${failures[${name}]:-0} + 1))
    delay=$((2 ** failures[${name}]))
    ((delay <= MAX_BACKOFF_S)) || delay=${MAX_BACKOFF_S}
    next_try[${name}]=$((SECONDS + delay))
    started[${name}]=${SECONDS}
    log "${name} is not running: restart ${count} (next one no sooner than ${delay}s from now)"
    (respawn "${name}") 2>&1 || log "${name}: restart failed"
  done
  sleep "${INTERVAL_S}" &
  wait $!
done
