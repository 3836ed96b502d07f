#!/usr/bin/env bash
# The agreements network as native processes, with fabric-samples test-network's verbs and flags:
#   network.sh up [-ca] [-orderers 3]       orderer(s), one peer per organisation (and Fabric CAs with -ca)
#   network.sh createChannel -c NAME        a declared domain channel, or a channel of every organisation
#   network.sh deployCC -c CH -ccn NAME -ccp PATH -ccl typescript [-ccv V] [-ccs SEQ] [-ccep POLICY] [-cccg FILE]
#   network.sh deployCCAAS -c CH -ccn NAME -ccp PATH [-ccv V] [-ccs SEQ] [-ccep POLICY] [-cccg FILE]
#   network.sh compact [-org ORG]          compact each peer's LevelDB files (rolling restart): after an erasure,
#                                           purged private data leaves the disk, not only the index
#   network.sh updateCRL [-org ORG]       put each organisation's CA revocation list into its MSP on every channel
#                                           (a config update signed by that organisation's admin alone)
#   network.sh stopPeer|startPeer -org ORG  stop or start one organisation's peer, keeping its ledger (maintenance,
#                                           fault tests)
#   network.sh status | down
# Verbs combine as in test-network: `network.sh up createChannel -c placements -ca`.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "${ROOT}/scripts/lib/crypto.sh"
source "${ROOT}/scripts/lib/nodes.sh"
source "${ROOT}/scripts/lib/channel.sh"
source "${ROOT}/scripts/lib/deploy.sh"

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'

Flags:
  -ca              use Fabric CAs (with the story's users and their role attributes) instead of cryptogen
  -orderers N      raft ordering nodes: 1 (default) or 3
  -c NAME          channel; without it createChannel creates every declared domain channel
  -ccn NAME        chaincode name (default from network/topology.json)
  -ccp PATH        chaincode folder (default: chaincode)
  -ccl LANG        typescript | javascript
  -ccv VERSION     chaincode version (default from topology)
  -ccs SEQUENCE    definition sequence, or "auto" (default: next sequence when the definition changes)
  -ccep POLICY     endorsement policy (default: the municipality AND one provider of the channel)
  -cccg FILE       collections config (default: the channel's collections rendered from the topology)
  -noreg           do not write the organisation registry after deploying
  -org ORG         compact, updateCRL, stop or start only this organisation (a key of network/topology.json)
EOF
}

VERBS=()
CHANNEL=""
USE_CA=false
eval "$(topo chaincode)"
CCN="${CC_NAME}" CCP="${CC_PATH}" CCL="${CC_LANGUAGE}" CCV="${CC_VERSION}" CCS="auto"
CC_POLICY="" CC_COLLECTIONS=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    up | down | createChannel | deployCC | deployCCAAS | status | restart | compact | updateCRL | stopPeer | startPeer)
      VERBS+=("$1") ;;
    -ca) USE_CA=true ;;
    -orderers) ORDERER_COUNT="$2"; export ORDERER_COUNT; shift ;;
    -c) CHANNEL="$2"; shift ;;
    -ccn) CCN="$2"; shift ;;
    -ccp) CCP="$(cd "$2" && pwd)"; shift ;;
    -ccl) CCL="$2"; shift ;;
    -ccv) CCV="$2"; shift ;;
    -ccs) CCS="$2"; shift ;;
    -ccep) CC_POLICY="$2"; shift ;;
    -cccg) CC_COLLECTIONS="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    -noreg) REGISTER_ORGS=false ;;
    -org) COMPACT_ORGS="$2"; shift ;;
    -h | --help | help) usage; exit 0 ;;
    *) usage; fatalln "unknown argument: $1" ;;
  esac
  shift
done
[[ ${#VERBS[@]} -gt 0 ]] || { usage; exit 1; }
USER_POLICY="${CC_POLICY}" USER_COLLECTIONS="${CC_COLLECTIONS}"
[[ "${ORDERER_COUNT}" == 1 || "${ORDERER_COUNT}" == 3 ]] || fatalln "-orderers must be 1 or 3"

# The ordering-node count chosen at `up` is remembered so later verbs address the same nodes.
if [[ -f "${FA_HOME}/orderer-count" && " ${VERBS[*]} " != *" up "* ]]; then
  ORDERER_COUNT="$(cat "${FA_HOME}/orderer-count")"
  export ORDERER_COUNT
fi

network_up() {
  ensure_binaries
  mkdir -p "${FA_HOME}" "${LOG_DIR}"
  if [[ -f "${FA_HOME}/crypto-mode" && "$(cat "${FA_HOME}/crypto-mode")" != "$([[ ${USE_CA} == true ]] && echo ca || echo cryptogen)" ]]; then
    fatalln "the network was created with $(cat "${FA_HOME}/crypto-mode"); run 'network.sh down' first"
  fi
  if [[ "${USE_CA}" == true ]]; then
    echo ca >"${FA_HOME}/crypto-mode"
    crypto_with_cas
  elif [[ ! -d "${FA_HOME}/organizations" ]]; then
    echo cryptogen >"${FA_HOME}/crypto-mode"
    crypto_with_cryptogen
  fi
  echo "${ORDERER_COUNT}" >"${FA_HOME}/orderer-count"
  start_orderers
  start_peers
  successln "network up: ${ORDERER_COUNT} orderer(s), peers of $(topo orgs)"
}

network_down() {
  local f
  # Gateways first, so they shut down gracefully while their peers still answer.
  if [[ -x "${ROOT}/scripts/gateway.sh" && -d "${PID_DIR}" ]]; then
    bash "${ROOT}/scripts/gateway.sh" stop || warnln "stopping the gateways failed; stopping everything"
  fi
  if [[ -d "${PID_DIR}" ]]; then
    for f in "${PID_DIR}"/*.pid; do
      [[ -e "${f}" ]] || continue
      stop_process "$(basename "${f}" .pid)"
    done
  fi
  # Chaincode launched by the node builder runs in the peer's process group, stopped with it above.
  # The network's passwords go with it.
  if [[ -s "${FA_HOME}/network-id" ]]; then rm -rf "$(secrets_dir)"; fi
  rm -rf "${FA_HOME}"
  successln "network down: processes stopped, ${FA_HOME} and the network's secrets removed"
}

network_status() {
  local f name pid state key channel
  printf '%-40s %-8s %-8s %s\n' PROCESS PID STATE LOG
  if [[ -d "${PID_DIR}" ]]; then
    for f in "${PID_DIR}"/*.pid; do
      [[ -e "${f}" ]] || continue
      name="$(basename "${f}" .pid)"
      pid="$(cat "${f}")"
      if kill -0 "${pid}" 2>/dev/null; then state=running; else state=dead; fi
      printf '%-40s %-8s %-8s %s\n' "${name}" "${pid}" "${state}" "${LOG_DIR}/${name}.log"
    done
  fi
  echo
  printf '%-40s %s\n' ENDPOINT ADDRESS
  for name in $(topo orderers); do
    use_orderer "${name}"
    printf '%-40s %s\n' "${ORDERER_NAME}" "grpcs://${ORDERER_ADDRESS} admin :${ORDERER_ADMIN_PORT} ops :${ORDERER_OPS_PORT}"
  done
  use_orderer orderer0
  printf '%-40s %s\n' "ca-orderer" "https://${ORDERER_HOST}:${ORDERER_CA_PORT} ops :${ORDERER_CA_OPS_PORT}"
  for key in $(topo orgs); do
    eval "$(topo org "${key}")"
    printf '%-40s %s\n' "${PEER_NAME} (${ORG_MSP})" "grpcs://${PEER_ADDRESS} (mutual TLS) chaincode :${PEER_CC_PORT} ops :${PEER_OPS_PORT}"
    printf '%-40s %s\n' "${CA_NAME}" "https://${ORG_HOST}:${CA_PORT} ops :${CA_OPS_PORT}"
    printf '%-40s %s\n' "gateway-${key}" "http://${ORG_HOST}:${GATEWAY_PORT}"
  done
  echo
  if [[ -d "${FA_HOME}/nodes" ]]; then
    ensure_binaries
    printf '%-20s %-8s %s\n' CHANNEL HEIGHT MEMBERS
    for channel in $(ls "${ARTIFACTS_DIR}" 2>/dev/null | sed -n 's/\.block$//p'); do
      printf '%-20s %-8s %s\n' "${channel}" "$(channel_height "${channel}" || echo '?')" "$(topo members "${channel}")"
    done
  fi
}

for verb in "${VERBS[@]}"; do
  case "${verb}" in
    up) network_up ;;
    down) network_down ;;
    compact)
      ensure_binaries
      for key in ${COMPACT_ORGS:-$(topo orgs)}; do compact_peer "${key}"; done
      ;;
    updateCRL)
      ensure_binaries
      for key in ${COMPACT_ORGS:-$(topo orgs)}; do update_crl "${key}"; done
      ;;
    restart) network_down; network_up ;;
    stopPeer)
      [[ -n "${COMPACT_ORGS:-}" ]] || fatalln "stopPeer needs -org ORG"
      for key in ${COMPACT_ORGS}; do eval "$(topo org "${key}")"; stop_process "${PEER_NAME}"; done
      ;;
    startPeer)
      [[ -n "${COMPACT_ORGS:-}" ]] || fatalln "startPeer needs -org ORG"
      ensure_binaries
      for key in ${COMPACT_ORGS}; do start_peer "${key}"; wait_for_peer "${key}"; wait_for_rejoin "${key}"; done
      ;;
    createChannel)
      ensure_binaries
      for c in ${CHANNEL:-$(topo channels)}; do create_channel "${c}"; done
      for c in ${CHANNEL:-$(topo channels)}; do wait_for_gossip "${c}"; done
      ;;
    deployCC)
      ensure_binaries
      for c in ${CHANNEL:-$(topo channels)}; do
        CC_POLICY="${USER_POLICY}" CC_COLLECTIONS="${USER_COLLECTIONS}"
        deploy_cc "${c}" "${CCN}" "${CCP}" "${CCL}" "${CCV}" "${CCS}"
      done
      ;;
    deployCCAAS)
      ensure_binaries
      for c in ${CHANNEL:-$(topo channels)}; do
        CC_POLICY="${USER_POLICY}" CC_COLLECTIONS="${USER_COLLECTIONS}"
        deploy_ccaas "${c}" "${CCN}" "${CCP}" "${CCV}" "${CCS}"
      done
      ;;
    status) network_status ;;
  esac
done
