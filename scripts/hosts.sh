#!/usr/bin/env bash
# The network as separate hosts on one machine, for tests and demonstrations: each host (the ordering service and
# every organisation of the topology) is a Linux network namespace with its own address, joined to the others by a
# bridge, and runs its part with network.sh/gateway.sh -host in its own home (FABRIC_AGREEMENTS_HOME) and data
# directory (XDG_DATA_HOME). Public material goes from host to host as files, exactly as operators of separate
# machines would pass it (network/README.md, "Each organisation on its own host"). Needs root and `ip netns`.
#
#   hosts.sh up                 namespaces and bridge, then every host's part in turn (times in HOME/times)
#   hosts.sh partition KEY      cut host KEY off the bridge (its link down); heal KEY puts it back
#   hosts.sh exec KEY CMD...    run CMD on host KEY (its namespace and environment)
#   hosts.sh down               every host's network.sh down, then the namespaces, the bridge and the homes
#
# Settings: FABRIC_AGREEMENTS_TOPOLOGY (default network/topology.hosts.json: every host's address in 10.232.0.0/24),
# HOSTS_BRIDGE_ADDRESS (10.232.0.1/24), HOSTS_NS_PREFIX (hx: namespaces hxord, hxmun, …, bridge hxbr),
# HOSTS_HOME (.fabric-hosts: one home per host), HOSTS_DATA (<clone>.xdg/hosts: one data directory per host).
set -euo pipefail
export FABRIC_AGREEMENTS_TOPOLOGY="${FABRIC_AGREEMENTS_TOPOLOGY:-network/topology.hosts.json}"
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "${ROOT}"
FABRIC_AGREEMENTS_TOPOLOGY="$(realpath "${FABRIC_AGREEMENTS_TOPOLOGY}")"

PREFIX="${HOSTS_NS_PREFIX:-hx}"
BRIDGE="${PREFIX}br"
BRIDGE_ADDRESS="${HOSTS_BRIDGE_ADDRESS:-10.232.0.1/24}"
HOSTS_HOME="${HOSTS_HOME:-${ROOT}/.fabric-hosts}"
HOSTS_DATA="${HOSTS_DATA:-${ROOT}.xdg/hosts}"
ORDERER_KEY="$(topo orderer-org-key)"

hosts() { echo "${ORDERER_KEY} $(topo orgs)"; }
namespace() { echo "${PREFIX}${1:0:3}"; }

address() {
  if [[ "$1" == "${ORDERER_KEY}" ]]; then
    use_orderer orderer0
    echo "${ORDERER_HOST}"
  else
    eval "$(topo org "$1")"
    echo "${ORG_HOST}"
  fi
}

# on KEY CMD... — CMD in host KEY's namespace with its environment: its home, data directory and, for an
# organisation, its own development identity provider at its address.
on() {
  local key="$1" ip
  shift
  ip="$(address "${key}")"
  ip netns exec "$(namespace "${key}")" env FABRIC_AGREEMENTS_HOME="${HOSTS_HOME}/${key}" \
    XDG_DATA_HOME="${HOSTS_DATA}/${key}" FABRIC_AGREEMENTS_TOPOLOGY="${FABRIC_AGREEMENTS_TOPOLOGY}" \
    DEV_OIDC_HOST="${ip}" DEV_OIDC_ISSUER="http://${ip}:4000" DEV_OIDC_ALLOW_REMOTE=true \
    DEV_OIDC_TOPOLOGY_FILE="${FABRIC_AGREEMENTS_TOPOLOGY}" "$@"
}

namespaces_up() {
  local key ns ip
  command -v ip >/dev/null && ip netns list >/dev/null 2>&1 || fatalln "hosts.sh needs root and 'ip netns'"
  ip link show "${BRIDGE}" >/dev/null 2>&1 || ip link add "${BRIDGE}" type bridge
  ip addr replace "${BRIDGE_ADDRESS}" dev "${BRIDGE}"
  ip link set "${BRIDGE}" up
  for key in $(hosts); do
    ns="$(namespace "${key}")" ip="$(address "${key}")"
    [[ "${ip}" != 127.* ]] || fatalln "host ${key} has a loopback address in ${FABRIC_AGREEMENTS_TOPOLOGY}"
    ip netns list | grep -qw "^${ns}" || ip netns add "${ns}"
    ip -n "${ns}" link set lo up
    if ! ip link show "${ns}a" >/dev/null 2>&1; then
      ip link add "${ns}a" type veth peer name "${ns}b"
      ip link set "${ns}b" netns "${ns}"
    fi
    ip link set "${ns}a" master "${BRIDGE}"
    ip link set "${ns}a" up
    ip -n "${ns}" addr replace "${ip}/${BRIDGE_ADDRESS#*/}" dev "${ns}b"
    ip -n "${ns}" link set "${ns}b" up
  done
  infoln "hosts: $(for key in $(hosts); do printf '%s=%s(%s) ' "${key}" "$(address "${key}")" "$(namespace "${key}")"; done)"
}

# step NAME KEY CMD... — CMD on host KEY, its duration appended to HOSTS_HOME/times as "NAME KEY SECONDS".
step() {
  local name="$1" key="$2" started="${SECONDS}"
  shift 2
  infoln "== ${name} on ${key}"
  on "${key}" "$@" || fatalln "${name} on ${key} failed"
  echo "${name} ${key} $((SECONDS - started))" >>"${HOSTS_HOME}/times"
}

# pass FROM TO — FROM's public material, as a file, into TO's inbox; TO's operator imports it.
pass() {
  local from="$1" to="$2" file
  file="${HOSTS_HOME}/${to}/inbox/${from}.public.tar.gz"
  mkdir -p "$(dirname "${file}")"
  cp "${HOSTS_HOME}/${from}/outbox/${from}.public.tar.gz" "${file}"
  on "${to}" bash scripts/network.sh import -host "${to}" -f "${file}" || fatalln "importing ${from}'s material on ${to} failed"
}

hosts_up() {
  local key other municipality="" channel
  namespaces_up
  mkdir -p "${HOSTS_HOME}" "${HOSTS_DATA}"
  : >"${HOSTS_HOME}/times"
  step up "${ORDERER_KEY}" bash scripts/network.sh up -host "${ORDERER_KEY}"
  for key in $(topo orgs); do
    step up "${key}" bash scripts/network.sh up -host "${key}"
    eval "$(topo org "${key}")"
    [[ "${ORG_KIND}" != municipality ]] || municipality="${key}"
  done
  # The ordering service needs every member's MSP for the genesis blocks; every organisation needs the ordering
  # service's TLS CA; the municipality, which commits the chaincode and writes the registry with the providers'
  # endorsements, needs their peers' TLS CA certificates.
  for key in $(topo orgs); do
    pass "${key}" "${ORDERER_KEY}"
    pass "${ORDERER_KEY}" "${key}"
    [[ "${key}" == "${municipality}" ]] || pass "${key}" "${municipality}"
  done
  step createChannel "${ORDERER_KEY}" bash scripts/network.sh createChannel -host "${ORDERER_KEY}"
  for key in $(topo orgs); do step joinChannel "${key}" bash scripts/network.sh joinChannel -host "${key}"; done
  for key in $(topo orgs); do step approve "${key}" bash scripts/network.sh deployCCAAS -host "${key}"; done
  step commit "${municipality}" bash scripts/network.sh commitCC -host "${municipality}"
  for key in $(topo orgs); do step endorsers "${key}" bash scripts/network.sh awaitEndorsers -host "${key}"; done
  for key in $(topo orgs); do step gateway "${key}" bash scripts/gateway.sh start "${key}"; done
  successln "every host up; times (seconds) in ${HOSTS_HOME}/times:"
  cat "${HOSTS_HOME}/times" >&2
}

link_of() {
  ip link show "$(namespace "$1")a" >/dev/null 2>&1 || fatalln "no host $1 (run hosts.sh up)"
  echo "$(namespace "$1")a"
}

hosts_down() {
  local key ns
  for key in $(hosts); do
    ns="$(namespace "${key}")"
    if ip netns list | grep -qw "^${ns}" && [[ -d "${HOSTS_HOME}/${key}" ]]; then
      on "${key}" bash scripts/network.sh down >/dev/null 2>&1 || warnln "network.sh down on ${key} failed"
    fi
    ip link del "${ns}a" 2>/dev/null || true
    ip netns del "${ns}" 2>/dev/null || true
  done
  ip link del "${BRIDGE}" 2>/dev/null || true
  rm -rf "${HOSTS_HOME}" "${HOSTS_DATA}"
  successln "hosts down: namespaces, bridge ${BRIDGE}, ${HOSTS_HOME} and ${HOSTS_DATA} removed"
}

[[ $# -ge 1 ]] || { sed -n '2,16p' "$0"; exit 1; }
verb="$1"
shift
case "${verb}" in
  up) hosts_up ;;
  namespaces) namespaces_up ;;
  partition) ip link set "$(link_of "$1")" down && infoln "host $1 cut off" ;;
  heal) ip link set "$(link_of "$1")" up && infoln "host $1 back on the bridge" ;;
  exec) on "$@" ;;
  down) hosts_down ;;
  *) fatalln "unknown verb ${verb}: up, partition KEY, heal KEY, exec KEY CMD..., down" ;;
esac
