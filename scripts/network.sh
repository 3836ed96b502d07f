#!/usr/bin/env bash
# The agreements network as native processes, with fabric-samples test-network's verbs and flags; `network.sh help`
# lists them. Operator's guide: network/README.md.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "${ROOT}/scripts/lib/crypto.sh"
source "${ROOT}/scripts/lib/nodes.sh"
source "${ROOT}/scripts/lib/channel.sh"
source "${ROOT}/scripts/lib/deploy.sh"
source "${ROOT}/scripts/lib/lifecycle.sh"
source "${ROOT}/scripts/lib/backup.sh"
source "${ROOT}/scripts/lib/hosts.sh"
source "${ROOT}/scripts/lib/add-org.sh"

usage() {
  cat <<'EOF'
Usage: network.sh VERB... [FLAGS]
  up [-ca] [-orderers 3]       create and start orderer(s), one peer per organisation (and Fabric CAs with -ca);
                               on an existing network, starts what is not running
  createChannel [-c NAME]      a declared domain channel, or a channel of every organisation
  deployCC [-c CH] [-ccn NAME] [-ccp PATH] [-ccl typescript] [-ccv V] [-ccs SEQ] [-ccep POLICY] [-cccg FILE]
  deployCCAAS [-c CH] [-ccn NAME] [-ccp PATH] [-ccv V] [-ccs SEQ] [-ccep POLICY] [-cccg FILE]
  stop                         stop every process of the network (gateways, chaincode servers, peers, orderers, CAs,
                               the supervisor), keeping all data: ledgers, keys, wallets, idempotency records,
                               event checkpoints
  start                        start a stopped network exactly as it was created: the remembered orderer count, its
                               CAs, channels, chaincode servers and gateways; then the supervisor
  status                       every process (state, restarts by the supervisor), endpoints, channel heights
  systemd-units [-o DIR]       write systemd unit files for this network's processes (default .fabric/systemd)
  compact [-org ORG]           compact each peer's LevelDB files (rolling restart): after an erasure, purged
                               private data leaves the disk, not only the index
  updateCRL [-org ORG]         put each organisation's CA revocation list into its MSP on every channel
                               (a config update signed by that organisation's admin alone)
  stopPeer|startPeer -org ORG  stop or start one organisation's peer, keeping its ledger (maintenance, fault tests)
  stopOrderer|startOrderer -node NAME  stop or start one ordering node (orderer0…2), keeping its ledger
  backup -org ORG [-o DIR]     back up one organisation: a ledger snapshot per channel, its CA, MSP and TLS keys,
                               chaincode packages, the gateway's wallet, idempotency records, event checkpoints and
                               pseudonym key, with a manifest (default DIR: the data folder's backups/; DIR.tar.gz
                               writes a tarball). Holds private keys: files are 0600
  restore -org ORG -from DIR   replace the organisation's peer by one joined from the backup's snapshots (its
                               ledger moved aside), putting back whatever else of the organisation is missing
  up|createChannel|joinChannel|deployCCAAS|commitCC|awaitEndorsers|export|import|stop|start -host KEY
                               one organisation's (or the ordering service's) part on its own host, with only that
                               host's files: see "Each organisation on its own host" in network/README.md
  addOrg -org-file FILE [-step STEP [-c CH] [-org ORG]]
                               a new provider joins the running network: its CA and crypto, a channel update signed
                               by each member's admin, its peer joined, its pair collection in a new chaincode
                               definition, its registry entry, its gateway (network/README.md; steps: add-org.sh)
  down                         stop everything and DELETE the network: ledgers, keys, secrets, gateway wallets and
                               state. The only verb that deletes anything.
  restart                      down, then up (a new, empty network)
Verbs combine as in test-network: `network.sh up createChannel -c placements -ca`.

Flags:
  -ca              use Fabric CAs (with the story's users and their role attributes) instead of cryptogen
  -orderers N      raft ordering nodes: 1 (default) or 3; remembered, so later verbs and `start` use the same
  -c NAME          channel; without it createChannel creates every declared domain channel
  -ccn NAME        chaincode name (default from network/topology.json)
  -ccp PATH        chaincode folder (default: chaincode)
  -ccl LANG        typescript | javascript
  -ccv VERSION     chaincode version (default from topology)
  -ccs SEQUENCE    definition sequence, or "auto" (default: next sequence when the definition changes)
  -ccep POLICY     endorsement policy (default: the municipality AND one provider of the channel)
  -cccg FILE       collections config (default: the channel's collections rendered from the topology)
  -noreg           do not write the organisation registry after deploying
  -org ORG         compact, updateCRL, stop or start only this organisation, or back up or restore it (a key of
                   network/topology.json)
  -node NAME       stopOrderer or startOrderer only this ordering node (a name of network/topology.json)
  -o DIR           where systemd-units writes the unit files, or backup the backup
  -from DIR        the backup (folder or .tar.gz) restore reads
  -host KEY        act as one host: an organisation's key, or the ordering organisation's (orderer)
  -f FILE          import: another host's public material (its export)
  -org-file FILE   addOrg: the joining provider, as network/orgs/solhoej.json
  -step STEP       addOrg: run one organisation's step only (prepare propose sign submit join approve commit
                   register gateway); -org names the acting organisation, -c the channel
EOF
}

VERBS=()
HOST_KEY=""
IMPORT_FILES=()
ORDERERS_GIVEN=false
UNITS_DIR=""
CHANNEL=""
USE_CA=false
eval "$(topo chaincode)"
CCN="${CC_NAME}" CCP="${CC_PATH}" CCL="${CC_LANGUAGE}" CCV="${CC_VERSION}" CCS="auto"
CC_POLICY="" CC_COLLECTIONS=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    up | down | createChannel | deployCC | deployCCAAS | status | restart | compact | updateCRL | stopPeer | startPeer | \
      stop | start | systemd-units | stopOrderer | startOrderer | backup | restore | joinChannel | commitCC | export | \
      import | awaitEndorsers | addOrg)
      VERBS+=("$1") ;;
    -ca) USE_CA=true ;;
    -orderers) ORDERER_COUNT="$2"; ORDERERS_GIVEN=true; export ORDERER_COUNT; shift ;;
    -o) UNITS_DIR="$2"; shift ;;
    -from) RESTORE_FROM="$2"; shift ;;
    -node) ORDERER_NODES="$2"; shift ;;
    -org-file) ORG_FILE="$2"; shift ;;
    -step) ADD_ORG_STEP="$2"; shift ;;
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
    -host) HOST_KEY="$2"; shift ;;
    -f) IMPORT_FILES+=("$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift ;;
    -h | --help | help) usage; exit 0 ;;
    *) usage; fatalln "unknown argument: $1" ;;
  esac
  shift
done
[[ ${#VERBS[@]} -gt 0 ]] || { usage; exit 1; }
USER_POLICY="${CC_POLICY}" USER_COLLECTIONS="${CC_COLLECTIONS}"
[[ "${ORDERER_COUNT}" == 1 || "${ORDERER_COUNT}" == 3 ]] || fatalln "-orderers must be 1 or 3"

# The ordering-node count chosen at the first `up` is remembered so later verbs (and `up` or `start` on a stopped
# network) address the same nodes; a different -orderers for an existing network is refused (`restart` excepted).
if [[ -f "${FA_HOME}/orderer-count" ]]; then
  remembered="$(cat "${FA_HOME}/orderer-count")"
  if [[ "${ORDERERS_GIVEN}" == true && "${ORDERER_COUNT}" != "${remembered}" && " ${VERBS[*]} " != *" restart "* ]]; then
    fatalln "the network at ${FA_HOME} was created with ${remembered} orderer(s); run 'network.sh down' first"
  fi
  [[ "${ORDERERS_GIVEN}" == true && " ${VERBS[*]} " == *" restart "* ]] || ORDERER_COUNT="${remembered}"
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
  ensure_supervisor
  successln "network up: ${ORDERER_COUNT} orderer(s), peers of $(topo orgs)"
}

network_down() {
  local f
  stop_process supervisor
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
  # The gateways' wallets and state of this network (its CA fingerprints; another network's are not touched).
  local key fingerprint
  for key in $(topo orgs); do
    eval "$(topo org "${key}")"
    fingerprint="$(network_fingerprint "${ORG_DIR}")" || continue
    rm -rf "${DATA_ROOT}/wallet/${key}/${fingerprint}" "${DATA_ROOT}/state/${key}/${fingerprint}"
  done
  # The network's passwords go with it.
  if [[ -s "${FA_HOME}/network-id" ]]; then rm -rf "$(secrets_dir)"; fi
  rm -rf "${FA_HOME}"
  successln "network down: processes stopped; DELETED ${FA_HOME} (ledgers, keys) and the network's secrets, wallets and gateway state"
}

network_status() {
  local f name pid state key channel
  printf '%-40s %-8s %-8s %-8s %s\n' PROCESS PID STATE RESTARTS LOG
  for name in $(services); do
    pid="$(cat "${PID_DIR}/${name}.pid" 2>/dev/null || echo -)"
    if is_running "${name}"; then
      state=running
    elif [[ -e "${SERVICE_DIR}/${name}.down" ]]; then
      state=stopped
    elif [[ "${pid}" != - && -e "/proc/${pid}" ]]; then
      state=zombie
    else
      state=dead
    fi
    printf '%-40s %-8s %-8s %-8s %s\n' "${name}" "${pid}" "${state}" \
      "$(cat "${SERVICE_DIR}/${name}.restarts" 2>/dev/null || echo 0)" "${LOG_DIR}/${name}.log"
  done
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
  # One host's part (scripts/lib/hosts.sh); status and down act on this host's FA_HOME as they are.
  if [[ -n "${HOST_KEY}" && "${verb}" != status && "${verb}" != down ]]; then
    host_verb "${verb}"
    continue
  fi
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
    joinChannel | commitCC | export | import | awaitEndorsers) fatalln "${verb} needs -host KEY" ;;
    stopOrderer | startOrderer)
      [[ -n "${ORDERER_NODES:-}" ]] || fatalln "${verb} needs -node NAME"
      for node in ${ORDERER_NODES}; do
        use_orderer "${node}"
        if [[ "${verb}" == stopOrderer ]]; then
          stop_process "${ORDERER_NAME}"
        else
          respawn "${ORDERER_NAME}"
          wait_for_url "http://${ORDERER_HOST}:${ORDERER_OPS_PORT}/healthz" 60 ||
            fatalln "${ORDERER_NAME} did not become healthy; see ${LOG_DIR}/${ORDERER_NAME}.log"
        fi
      done
      ;;
    stop) network_stop ;;
    start) network_start ;;
    systemd-units) write_systemd_units "${UNITS_DIR:-${FA_HOME}/systemd}" ;;
    backup)
      [[ -n "${COMPACT_ORGS:-}" && "${COMPACT_ORGS}" != *" "* ]] || fatalln "backup needs -org ORG (one organisation)"
      ensure_binaries
      backup_org "${COMPACT_ORGS}" "${UNITS_DIR:-${DATA_ROOT}/backups/${COMPACT_ORGS}-$(date -u +%Y%m%dT%H%M%SZ)}"
      ;;
    restore)
      [[ -n "${COMPACT_ORGS:-}" && -n "${RESTORE_FROM:-}" ]] || fatalln "restore needs -org ORG -from DIR"
      ensure_binaries
      restore_org "${COMPACT_ORGS}" "${RESTORE_FROM}"
      ;;
    addOrg) add_org "${ORG_FILE:-}" "${ADD_ORG_STEP:-all}" ;;
  esac
done
