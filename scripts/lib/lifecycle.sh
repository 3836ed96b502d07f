# Stopping and starting a network without losing anything, and systemd units for hosts that supervise with systemd.
# shellcheck shell=bash

# network_stop — every process stops (gateways first and gracefully, then chaincode servers, peers, orderers, CAs);
# the data under FA_HOME and DATA_ROOT stays, and so do the processes' specs, from which network_start brings
# them back.
network_stop() {
  local name
  [[ -f "${FA_HOME}/orderer-count" ]] || fatalln "no network at ${FA_HOME}"
  stop_process supervisor
  if [[ -n "$(services 6)" ]]; then
    bash "${ROOT}/scripts/gateway.sh" stop || warnln "stopping the gateways gracefully failed"
  fi
  # The rest in reverse start order.
  for name in $(services | tac); do
    [[ "${name}" != supervisor ]] || continue
    stop_process "${name}"
  done
  successln "network stopped; its data is kept in ${FA_HOME} and $(secrets_dir). 'network.sh start' brings it back, 'network.sh down' deletes it"
}

# network_start — starts what network_stop stopped (every process with a spec), rank by rank, and waits at each rank
# until it serves: CAs, orderers (and a raft leader on every channel), peers (and endorsement between every pair of
# members), chaincode servers, then the gateways that ran, then the supervisor.
network_start() {
  local name key gateways=()
  [[ -f "${FA_HOME}/orderer-count" ]] || fatalln "no network at ${FA_HOME}: create one with 'network.sh up' (or npm start)"
  ensure_binaries
  for name in $(services 1); do respawn "${name}"; done
  for name in $(services 1); do wait_for_ca_health "${name}"; done
  for name in $(services 2); do respawn "${name}"; done
  for name in $(topo orderers); do
    use_orderer "${name}"
    wait_for_url "http://${ORDERER_HOST}:${ORDERER_OPS_PORT}/healthz" 60 ||
      fatalln "${ORDERER_NAME} did not become healthy; see ${LOG_DIR}/${ORDERER_NAME}.log"
  done
  for name in $(services 3); do respawn "${name}"; done
  for key in $(topo orgs); do wait_for_peer "${key}"; done
  for name in $(services 4); do respawn "${name}"; done
  wait_for_raft_leaders
  for name in $(channels_created); do wait_for_gossip "${name}"; done
  if [[ -n "$(services 4)" || -d "${FA_HOME}/packages" ]]; then wait_for_mesh; fi
  for name in $(services 6); do gateways+=("${name#gateway-}"); done
  if [[ ${#gateways[@]} -gt 0 ]]; then
    bash "${ROOT}/scripts/gateway.sh" start "${gateways[@]}" || fatalln "the gateways did not start"
  fi
  ensure_supervisor
  successln "network started: ${ORDERER_COUNT} orderer(s), peers of $(topo orgs), channels $(channels_created | tr '\n' ' ')"
}

# channels_created — the channels this network created (their genesis blocks).
channels_created() {
  local block
  for block in "${ARTIFACTS_DIR}"/*.block; do
    [[ -e "${block}" ]] && basename "${block}" .block
  done
}

wait_for_ca_health() {
  local name="$1" host port
  if [[ "${name}" == ca-orderer ]]; then
    use_orderer orderer0
    host="${ORDERER_HOST}" port="${ORDERER_CA_OPS_PORT}"
  else
    eval "$(topo org "${name#ca-}")"
    host="${ORG_HOST}" port="${CA_OPS_PORT}"
  fi
  wait_for_url "http://${host}:${port}/healthz" 60 || fatalln "${name} did not become healthy; see ${LOG_DIR}/${name}.log"
}

# wait_for_raft_leaders — until, on every channel, one ordering node says it leads (etcdraft's is_leader metric):
# without a leader the ordering service accepts no transaction.
wait_for_raft_leaders() {
  local channel node i led
  for channel in $(channels_created); do
    led=false
    for i in $(seq 1 120); do
      for node in $(topo orderers); do
        use_orderer "${node}"
        if curl -fs "http://${ORDERER_HOST}:${ORDERER_OPS_PORT}/metrics" 2>/dev/null |
          grep -q "^consensus_etcdraft_is_leader{channel=\"${channel}\"} 1"; then
          led=true
          break 2
        fi
      done
      sleep 0.5
    done
    [[ "${led}" == true ]] || warnln "no raft leader on ${channel} yet"
  done
  infoln "ordering service: a raft leader on every channel"
}

# wait_for_mesh — until each member peer's gateway service can endorse on every other member's peer, on every
# channel with chaincode (after all peers restarted, each knows the others only once gossip has met them).
wait_for_mesh() {
  local channel
  for channel in $(channels_created); do wait_for_channel_mesh "${channel}"; done
  infoln "every member peer endorses with every other again"
}

# wait_for_channel_mesh CHANNEL — until each member peer's gateway service can endorse on every other member's peer
# on CHANNEL (warns for a pair that still cannot after 90 s).
wait_for_channel_mesh() {
  local channel="$1" from to
  for from in $(topo members "${channel}"); do
    for to in $(topo members "${channel}"); do
      [[ "${from}" != "${to}" ]] || continue
      wait_for_endorsement_path "${channel}" "${from}" "${to}" || true
    done
  done
}

# systemd_quote ARG — ARG as one word of a systemd command line.
systemd_quote() {
  local arg="$1"
  arg="${arg//\\/\\\\}"
  arg="${arg//\"/\\\"}"
  arg="${arg//%/%%}"
  arg="${arg//\$/\$\$}"
  printf '"%s"' "${arg}"
}

# write_systemd_units DIR — one unit per process of this network (from its spec) and a target that starts them
# all, for hosts where systemd supervises instead of scripts/lib/supervisor.sh: Restart=always with systemd's
# back-off, the same start order as network_start. Written, never installed or started here.
write_systemd_units() {
  local dir="$1" name rank SPEC_WORKDIR SPEC_CMD program unit after arg prefix=fabric-agreements
  [[ -n "$(services)" ]] || fatalln "no processes to describe: create the network first (network.sh up)"
  # Fabric's binaries on the units' PATH, when there are Fabric nodes to run.
  if [[ -n "$(services 1)$(services 2)$(services 3)" ]]; then ensure_binaries; fi
  mkdir -p "${dir}"
  for name in $(services); do
    [[ "${name}" != supervisor ]] || continue
    rank="$(service_rank "${name}")"
    SPEC_WORKDIR="" SPEC_CMD=()
    # shellcheck disable=SC1090
    source "${SERVICE_DIR}/${name}.spec"
    program="$(command -v "${SPEC_CMD[0]}")" || fatalln "${name}: ${SPEC_CMD[0]} not found"
    after=""
    for other in $(services); do
      (($(service_rank "${other}") < rank)) && [[ "${other}" != supervisor ]] && after+=" ${prefix}-${other}.service"
    done
    unit="${dir}/${prefix}-${name}.service"
    {
      echo "# Generated by 'network.sh systemd-units' from ${SERVICE_DIR}/${name}.spec; regenerate, do not edit."
      echo "[Unit]"
      echo "Description=fabric-agreements ${name}"
      echo "PartOf=${prefix}.target"
      echo "# Never give up restarting (the delay below grows instead)."
      echo "StartLimitIntervalSec=0"
      [[ -z "${after}" ]] || echo "After=${after# }"
      echo
      echo "[Service]"
      echo "Type=simple"
      echo "WorkingDirectory=${SPEC_WORKDIR}"
      echo "Environment=$(systemd_quote "PATH=${PATH}")"
      echo "Environment=$(systemd_quote "FABRIC_AGREEMENTS_HOME=${FA_HOME}")"
      echo "Environment=$(systemd_quote "XDG_DATA_HOME=$(dirname "${DATA_ROOT}")")"
      printf 'ExecStart=%s' "$(systemd_quote "${program}")"
      for arg in "${SPEC_CMD[@]:1}"; do printf ' %s' "$(systemd_quote "${arg}")"; done
      echo
      echo "UMask=0077"
      echo "KillMode=control-group"
      echo "TimeoutStopSec=25s"
      echo "# Restarted whatever the exit, with a growing delay (RestartSteps needs systemd 254 or later)."
      echo "Restart=always"
      echo "RestartSec=2s"
      echo "RestartSteps=5"
      echo "RestartMaxDelaySec=60s"
      echo "StandardOutput=append:${LOG_DIR}/${name}.log"
      echo "StandardError=append:${LOG_DIR}/${name}.log"
      echo
      echo "[Install]"
      echo "WantedBy=${prefix}.target"
    } >"${unit}"
  done
  {
    echo "# Generated by 'network.sh systemd-units'. Install: copy the files to /etc/systemd/system (or"
    echo "# ~/.config/systemd/user), 'systemctl daemon-reload', 'network.sh stop', 'systemctl enable --now ${prefix}.target'."
    echo "[Unit]"
    echo "Description=fabric-agreements network (${FA_HOME})"
    echo
    echo "[Install]"
    echo "WantedBy=multi-user.target"
  } >"${dir}/${prefix}.target"
  successln "wrote $(find "${dir}" -name "${prefix}*" | wc -l) systemd unit files to ${dir} (not installed, not started)"
}
