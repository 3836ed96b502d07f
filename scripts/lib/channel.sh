# Channels through the channel participation API (no system channel): a genesis block per domain,
# joined by every ordering node and every member peer.
# shellcheck shell=bash

create_channel() {
  local channel="$1" node key block="${ARTIFACTS_DIR}/$1.block"
  [[ "${channel}" =~ ^[a-z][a-z0-9.-]{0,248}$ ]] || fatalln "invalid channel name '${channel}'"
  mkdir -p "${ARTIFACTS_DIR}"
  if ! topo channels | tr ' ' '\n' | grep -qx "${channel}"; then
    warnln "channel ${channel} is not a declared domain: creating it with every organisation (as test-network does)"
  fi
  if [[ ! -f "${block}" ]]; then
    EXTRA_CHANNEL="${channel}" topo render-configtx "${FA_HOME}/configtx/configtx.yaml"
    FABRIC_CFG_PATH="${FA_HOME}/configtx" configtxgen -profile "${channel}" -outputBlock "${block}" -channelID "${channel}" \
      >>"${LOG_DIR}/configtxgen.log" 2>&1 || fatalln "configtxgen failed; see ${LOG_DIR}/configtxgen.log"
  fi
  for node in $(topo orderers); do
    use_orderer "${node}"
    # osnadmin exits 0 whatever the HTTP status; the status line tells whether the node has the channel.
    if osnadmin channel list --channelID "${channel}" -o "${ORDERER_HOST}:${ORDERER_ADMIN_PORT}" --ca-file "${ORDERER_TLS_CA}" \
      --client-cert "${ORDERER_DIR}/tls/server.crt" --client-key "${ORDERER_DIR}/tls/server.key" 2>/dev/null |
      grep -q '^Status: 200'; then
      infoln "${ORDERER_NAME} already in ${channel}"
      continue
    fi
    osnadmin channel join --channelID "${channel}" --config-block "${block}" -o "${ORDERER_HOST}:${ORDERER_ADMIN_PORT}" \
      --ca-file "${ORDERER_TLS_CA}" --client-cert "${ORDERER_DIR}/tls/server.crt" \
      --client-key "${ORDERER_DIR}/tls/server.key" 2>&1 | tee -a "${LOG_DIR}/osnadmin.log" | grep -q '^Status: 201' ||
      fatalln "${ORDERER_NAME} could not join ${channel}; see ${LOG_DIR}/osnadmin.log"
  done
  for key in $(topo members "${channel}"); do
    use_org "${key}"
    if peer channel list 2>/dev/null | grep -qx "${channel}"; then
      infoln "${PEER_NAME} already in ${channel}"
      continue
    fi
    local attempt
    for attempt in 1 2 3 4 5; do
      peer channel join -b "${block}" >>"${LOG_DIR}/peer-cli.log" 2>&1 && break
      [[ ${attempt} == 5 ]] && fatalln "${PEER_NAME} could not join ${channel}; see ${LOG_DIR}/peer-cli.log"
      sleep 2
    done
    infoln "${PEER_NAME} joined ${channel}"
  done
  successln "channel ${channel}: $(topo members "${channel}")"
}

channel_height() {
  local channel="$1" key
  key="$(topo members "${channel}" | cut -d' ' -f1)"
  # On one organisation's host (network.sh -host KEY) only that organisation's admin is there.
  if [[ -s "${FA_HOME}/host" ]]; then key="$(cat "${FA_HOME}/host")"; fi
  use_org "${key}"
  peer channel getinfo -c "${channel}" 2>/dev/null | peer_json height
}

# Gateways find other organisations' endorsers through discovery, which knows a peer only once gossip has
# met it: wait until every member peer knows all the others on the channel (its gossip metric says so).
wait_for_gossip() {
  local channel="$1" key members expected i known
  members="$(topo members "${channel}")"
  expected=$(($(wc -w <<<"${members}") - 1))
  for key in ${members}; do
    eval "$(topo org "${key}")"
    for i in $(seq 1 120); do
      known="$(curl -fs "http://${ORG_HOST}:${PEER_OPS_PORT}/metrics" 2>/dev/null |
        sed -n "s/^gossip_membership_total_peers_known{channel=\"${channel}\"} \([0-9]*\).*/\1/p")"
      [[ "${known:-0}" -ge "${expected}" ]] && break
      sleep 0.5
    done
    [[ "${known:-0}" -ge "${expected}" ]] || warnln "${PEER_NAME} knows ${known:-0} of ${expected} other peers on ${channel}"
  done
  infoln "gossip on ${channel}: every member peer knows the others"
}

# update_crl ORG — makes the organisation's certificate revocations reach the peers: its CA's bootstrap admin
# generates the CRL, which goes into the org's local MSP folder (crls/, for channels created later) and, through a
# config update signed by the org's admin alone (the org's MSP value is governed by the org's own Admins policy),
# into the org's MSP definition on each channel it is a member of. Peers then refuse proposals signed with a revoked
# certificate.
update_crl() {
  local key="$1" channel work
  eval "$(topo org "${key}")"
  [[ -d "${CA_HOME}/admin/msp" ]] || fatalln "updateCRL needs the Fabric CAs (network started with -ca)"
  FABRIC_CA_CLIENT_HOME="${CA_HOME}/admin" FABRIC_CA_CLIENT_URL="https://${ORG_HOST}:${CA_PORT}" \
    ca_client gencrl --caname "${CA_NAME}" --tls.certfiles "${CA_HOME}/tls-cert.pem" ||
    fatalln "${CA_NAME}: gencrl failed; see ${LOG_DIR}/ca-client.log"
  local crl="${CA_HOME}/admin/msp/crls/crl.pem"
  [[ -s "${crl}" ]] || fatalln "${CA_NAME} wrote no CRL"
  mkdir -p "${ORG_DIR}/msp/crls"
  cp "${crl}" "${ORG_DIR}/msp/crls/crl.pem"
  for channel in $(ls "${ARTIFACTS_DIR}" 2>/dev/null | sed -n 's/\.block$//p'); do
    topo members "${channel}" | tr ' ' '\n' | grep -qx "${key}" || continue
    work="$(mktemp -d "${FA_HOME}/crl-update.XXXXXX")"
    use_org "${key}"
    use_orderer orderer0
    peer channel fetch config "${work}/config.pb" -c "${channel}" -o "${ORDERER_ADDRESS}" --tls \
      --cafile "${ORDERER_TLS_CA}" >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "fetching ${channel}'s config failed"
    configtxlator proto_decode --input "${work}/config.pb" --type common.Block |
      jq '.data.data[0].payload.data.config' >"${work}/config.json"
    jq --arg msp "${ORG_MSP}" --arg crl "$(base64 -w0 "${crl}")" \
      '.channel_group.groups.Application.groups[$msp].values.MSP.value.config.revocation_list = [$crl]' \
      "${work}/config.json" >"${work}/modified.json"
    if cmp -s <(jq -S . "${work}/config.json") <(jq -S . "${work}/modified.json"); then
      infoln "${channel}: ${ORG_MSP}'s CRL is current"
      rm -rf "${work}"
      continue
    fi
    configtxlator proto_encode --input "${work}/config.json" --type common.Config --output "${work}/config.pb"
    configtxlator proto_encode --input "${work}/modified.json" --type common.Config --output "${work}/modified.pb"
    configtxlator compute_update --channel_id "${channel}" --original "${work}/config.pb" \
      --updated "${work}/modified.pb" --output "${work}/update.pb"
    configtxlator proto_decode --input "${work}/update.pb" --type common.ConfigUpdate |
      jq --arg ch "${channel}" '{payload: {header: {channel_header: {channel_id: $ch, type: 2}}, data: {config_update: .}}}' |
      configtxlator proto_encode --type common.Envelope --output "${work}/update-envelope.pb"
    peer channel update -f "${work}/update-envelope.pb" -c "${channel}" -o "${ORDERER_ADDRESS}" --tls \
      --cafile "${ORDERER_TLS_CA}" >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
      fatalln "the CRL update of ${channel} by ${ORG_MSP} failed; see ${LOG_DIR}/peer-cli.log"
    rm -rf "${work}"
    successln "${channel}: ${ORG_MSP}'s MSP now carries its CA's CRL"
  done
}
