# Each organisation on its own host: network.sh's verbs with `-host KEY` act for one organisation (or, with the
# ordering organisation's key, for the ordering service) on the machine they run on, with only that host's files.
# What another host needs from this one goes as files: `export` writes the organisation's public material (its
# MSP's CA and TLS CA certificates, NodeOUs config, its peer's TLS CA certificate; for the ordering service also
# the nodes' TLS certificates, which the channels' consenter sets name), and `import` puts another host's file in
# place. Private keys never leave the host: `export` and `import` refuse any file that could hold one.
# Channels: the ordering host creates each channel's genesis block from the members' imported MSPs and joins its
# nodes; each organisation's admin fetches the block from the ordering service and joins its own peer. Chaincode:
# each organisation's admin installs, runs its chaincode server and approves on its own host; the municipality's
# admin commits and writes the organisation registry. The operator's procedure: network/README.md.
# shellcheck shell=bash

# host_role KEY — "orderer" for the ordering organisation's key, "org" for an organisation's; fails otherwise.
host_role() {
  local key="$1"
  if [[ "${key}" == "$(topo orderer-org-key)" ]]; then
    echo orderer
  elif [[ " $(topo orgs) " == *" ${key} "* ]]; then
    echo org
  else
    fatalln "unknown host '${key}': the ordering organisation's key or one of $(topo orgs)"
  fi
}

# host_claim KEY — this FA_HOME belongs to host KEY (remembered at the first `up -host`); another key is refused,
# so one host's directory never gets a second organisation's keys.
host_claim() {
  local key="$1"
  mkdir -p "${FA_HOME}"
  if [[ -s "${FA_HOME}/host" && "$(cat "${FA_HOME}/host")" != "${key}" ]]; then
    fatalln "${FA_HOME} is the home of host '$(cat "${FA_HOME}/host")', not '${key}'"
  fi
  echo "${key}" >"${FA_HOME}/host"
}

host_up() {
  local key="$1"
  ensure_binaries
  host_claim "${key}"
  mkdir -p "${LOG_DIR}"
  echo ca >"${FA_HOME}/crypto-mode"
  echo "${ORDERER_COUNT}" >"${FA_HOME}/orderer-count"
  mkdir -p "${FA_HOME}/organizations"
  if [[ "$(host_role "${key}")" == orderer ]]; then
    use_orderer orderer0
    start_ca ca-orderer "${ORDERER_HOST}" "${ORDERER_CA_PORT}" "${ORDERER_CA_OPS_PORT}" "ca.${ORDERER_DOMAIN}"
    wait_ca ca-orderer "${ORDERER_HOST}" "${ORDERER_CA_OPS_PORT}"
    [[ -f "${FA_HOME}/organizations/.enrolled" ]] || { enroll_orderer_org && touch "${FA_HOME}/organizations/.enrolled"; }
    start_orderers
  else
    eval "$(topo org "${key}")"
    start_ca "${CA_NAME}" "${ORG_HOST}" "${CA_PORT}" "${CA_OPS_PORT}" "ca.${ORG_DOMAIN}"
    wait_ca "${CA_NAME}" "${ORG_HOST}" "${CA_OPS_PORT}"
    [[ -f "${FA_HOME}/organizations/.enrolled" ]] || { enroll_peer_org "${key}" && touch "${FA_HOME}/organizations/.enrolled"; }
    start_peer "${key}"
    wait_for_peer "${key}"
  fi
  ensure_supervisor
  host_export "${key}"
  successln "host ${key} up; give $(host_bundle "${key}") to the other hosts ('network.sh import -host KEY -f FILE')"
}

# host_bundle KEY — where `export` writes the host's public material.
host_bundle() { echo "${FA_HOME}/outbox/$1.public.tar.gz"; }

# host_public_paths KEY — the public files of the host, relative to FA_HOME.
host_public_paths() {
  local key="$1" node
  if [[ "$(host_role "${key}")" == orderer ]]; then
    use_orderer orderer0
    echo "${ORDERER_ORG_DIR#"${FA_HOME}/"}/msp"
    for node in orderer0 orderer1 orderer2; do
      ORDERER_COUNT=3 use_orderer "${node}"
      echo "${ORDERER_DIR#"${FA_HOME}/"}/tls/ca.crt"
      echo "${ORDERER_DIR#"${FA_HOME}/"}/tls/server.crt"
    done
  else
    eval "$(topo org "${key}")"
    echo "${ORG_DIR#"${FA_HOME}/"}/msp"
    echo "${PEER_TLS_CA#"${FA_HOME}/"}"
  fi
}

# A name in a bundle that could hold a private key (keystore/, *.key, *_sk) or escapes FA_HOME.
PRIVATE_NAME='(^|/)keystore(/|$)|\.key$|_sk$|(^|/)\.\.(/|$)|^/'

host_export() {
  local key="$1" bundle paths=()
  bundle="$(host_bundle "${key}")"
  mapfile -t paths < <(host_public_paths "${key}")
  mkdir -p "$(dirname "${bundle}")"
  tar -C "${FA_HOME}" --sort=name -czf "${bundle}.tmp" "${paths[@]}" || fatalln "exporting ${key}'s public material failed"
  # The listing first, then grep: grep -q leaving early would fail the pipe (SIGPIPE) under pipefail.
  local names
  names="$(tar -tzf "${bundle}.tmp")"
  if grep -Eq "${PRIVATE_NAME}" <<<"${names}"; then
    rm -f "${bundle}.tmp"
    fatalln "refusing to export: ${key}'s public material would include a private key"
  fi
  # Readable by whoever carries it to the other hosts: it holds certificates only.
  chmod 644 "${bundle}.tmp"
  mv "${bundle}.tmp" "${bundle}"
  infoln "exported ${key}'s public material to ${bundle}"
}

# host_import KEY FILE — puts another host's public material in place. A bundle naming a private key, a path
# outside the organisations' folders, or this host's own organisation is refused.
host_import() {
  local key="$1" file="$2" own name paths=()
  [[ -f "${file}" ]] || fatalln "no file ${file}"
  mapfile -t paths < <(host_public_paths "${key}")
  own="${paths[0]%/msp}"
  # Regular files and folders only: a link could point anywhere.
  local types
  types="$(tar -tvzf "${file}" | cut -c1 | sort -u | tr -d '\n')"
  [[ "${types}" =~ ^[-d]*$ ]] || fatalln "refusing ${file}: it holds links or special files"
  while read -r name; do
    [[ "${name}" =~ ${PRIVATE_NAME} ]] && fatalln "refusing ${file}: it names ${name}, which could hold a private key"
    [[ "${name}" == organizations/* ]] || fatalln "refusing ${file}: ${name} is not an organisation's public material"
    [[ "${name}" == "${own}"/* || "${name}" == "${own}" ]] && fatalln "refusing ${file}: it would overwrite this host's own ${name}"
  done < <(tar -tzf "${file}")
  tar -C "${FA_HOME}" -xzf "${file}" --no-same-owner --no-same-permissions || fatalln "importing ${file} failed"
  infoln "imported $(tar -tzf "${file}" | grep -c 'cacerts/.*pem$') CA certificate(s) from $(basename "${file}")"
}

# host_create_channel CHANNEL — on the ordering host: the genesis block from the members' imported MSPs, joined by
# every ordering node. The block is public; peers fetch it from the ordering service.
host_create_channel() {
  local channel="$1" key node block="${ARTIFACTS_DIR}/$1.block"
  [[ "$(host_role "$(cat "${FA_HOME}/host" 2>/dev/null)")" == orderer ]] || fatalln "createChannel -host runs on the ordering host"
  for key in $(topo members "${channel}"); do
    eval "$(topo org "${key}")"
    compgen -G "${ORG_DIR}/msp/cacerts/*.pem" >/dev/null ||
      fatalln "no MSP of ${key} here: import its public material first ('network.sh import -host ... -f FILE')"
  done
  mkdir -p "${ARTIFACTS_DIR}"
  if [[ ! -f "${block}" ]]; then
    # configtxgen reads every organisation's MSP folder of the rendered file: render only the members'.
    EXTRA_CHANNEL="${channel}" topo render-configtx "${FA_HOME}/configtx/configtx.yaml"
    FABRIC_CFG_PATH="${FA_HOME}/configtx" configtxgen -profile "${channel}" -outputBlock "${block}" -channelID "${channel}" \
      >>"${LOG_DIR}/configtxgen.log" 2>&1 || fatalln "configtxgen failed; see ${LOG_DIR}/configtxgen.log"
  fi
  for node in $(topo orderers); do
    use_orderer "${node}"
    local tls=(-o "${ORDERER_HOST}:${ORDERER_ADMIN_PORT}" --ca-file "${ORDERER_TLS_CA}"
      --client-cert "${ORDERER_DIR}/tls/server.crt" --client-key "${ORDERER_DIR}/tls/server.key")
    if osnadmin channel list --channelID "${channel}" "${tls[@]}" 2>/dev/null | grep -q '^Status: 200'; then
      infoln "${ORDERER_NAME} already in ${channel}"
      continue
    fi
    osnadmin channel join --channelID "${channel}" --config-block "${block}" "${tls[@]}" 2>&1 |
      tee -a "${LOG_DIR}/osnadmin.log" | grep -q '^Status: 201' ||
      fatalln "${ORDERER_NAME} could not join ${channel}; see ${LOG_DIR}/osnadmin.log"
  done
  successln "channel ${channel} on the ordering service; each member joins with 'network.sh joinChannel -host KEY -c ${channel}'"
}

# host_join_channel KEY CHANNEL — the organisation's admin fetches the channel's genesis block from the ordering
# service and joins its own peer.
host_join_channel() {
  local key="$1" channel="$2" attempt block="${ARTIFACTS_DIR}/$2.block"
  use_org "${key}"
  use_orderer orderer0
  mkdir -p "${ARTIFACTS_DIR}"
  if peer channel list 2>/dev/null | grep -qx "${channel}"; then
    infoln "${PEER_NAME} already in ${channel}"
    return 0
  fi
  for attempt in 1 2 3 4 5; do
    peer channel fetch 0 "${block}" -c "${channel}" -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_TLS_CA}" \
      >>"${LOG_DIR}/peer-cli.log" 2>&1 && peer channel join -b "${block}" >>"${LOG_DIR}/peer-cli.log" 2>&1 && break
    [[ ${attempt} == 5 ]] && fatalln "${PEER_NAME} could not join ${channel}; see ${LOG_DIR}/peer-cli.log"
    sleep 2
  done
  successln "${PEER_NAME} joined ${channel}"
}

# host_deploy_ccaas KEY CHANNEL NAME PATH VERSION SEQUENCE — on the organisation's host: the chaincode-as-a-service
# package (reproducible, so every host computes the same package id), installed on its own peer, its own chaincode
# server, and its admin's approval of the definition every host derives from the same topology.
host_deploy_ccaas() {
  local key="$1" channel="$2" name="$3" path="$4" version="$5" sequence="$6"
  eval "$(topo chaincode)"
  mkdir -p "${FA_HOME}/packages/ccaas"
  default_policy_and_collections "${channel}"
  if [[ ! -f "${path}/dist/index.js" ]] ||
    [[ -n "$(find "${path}/src" "${ROOT}/packages/agreements-api/src" -newer "${path}/dist/index.js" -print -quit 2>/dev/null)" ]]; then
    build_chaincode "${path}" typescript
  fi
  local label="${name}_ccaas_${version}" work="${FA_HOME}/packages/ccaas/${name}"
  rm -rf "${work}" && mkdir -p "${work}/src"
  topo render-ccaas-package "${work}" "${label}"
  local tarflags=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)
  tar -C "${work}/src" "${tarflags[@]}" -cf - connection.json | gzip -n >"${work}/code.tar.gz"
  tar -C "${work}" "${tarflags[@]}" -cf - metadata.json code.tar.gz | gzip -n >"${FA_HOME}/packages/${label}.tar.gz"
  use_org "${key}"
  PACKAGE_ID="$(peer lifecycle chaincode calculatepackageid "${FA_HOME}/packages/${label}.tar.gz")"
  if ! peer lifecycle chaincode queryinstalled --output json 2>/dev/null | peer_json installed "${PACKAGE_ID}"; then
    peer lifecycle chaincode install "${FA_HOME}/packages/${label}.tar.gz" >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
      fatalln "install on ${PEER_NAME} failed; see ${LOG_DIR}/peer-cli.log"
  fi
  start_ccaas_server "${key}" "${name}" "${path}"
  sequence="$(host_sequence "${channel}" "${name}" "${sequence}")"
  local args=(--channelID "${channel}" --name "${name}" --version "${version}" --sequence "${sequence}"
    --signature-policy "${CC_POLICY}" --collections-config "${CC_COLLECTIONS}")
  if peer lifecycle chaincode queryapproved -C "${channel}" -n "${name}" --sequence "${sequence}" --output json 2>/dev/null |
    peer_json approved "${PACKAGE_ID}"; then
    infoln "${ORG_MSP} has approved ${name} (sequence ${sequence}) on ${channel}"
    return 0
  fi
  # shellcheck disable=SC2046
  peer lifecycle chaincode approveformyorg $(orderer_flags) "${args[@]}" --package-id "${PACKAGE_ID}" \
    >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "approve by ${ORG_MSP} failed; see ${LOG_DIR}/peer-cli.log"
  successln "${ORG_MSP} approved ${name} ${version} (sequence ${sequence}) on ${channel}"
}

# host_sequence CHANNEL NAME SEQUENCE — "auto": the committed sequence if this host's definition is the committed
# one's version, else the next; a number stays.
host_sequence() {
  local channel="$1" name="$2" sequence="$3" committed current
  [[ "${sequence}" == auto ]] || { echo "${sequence}"; return 0; }
  committed="$(peer lifecycle chaincode querycommitted -C "${channel}" -n "${name}" --output json 2>/dev/null || true)"
  current="$(peer_json committed-sequence <<<"${committed}")"
  if [[ -n "${current}" && "$(peer_json committed-version <<<"${committed}")" == "${CCV}" ]]; then
    echo "${current}"
  else
    echo $((${current:-0} + 1))
  fi
}

# host_commit_cc KEY CHANNEL NAME VERSION SEQUENCE — on the municipality's host, once every member has approved:
# the commit (endorsed by the members' peers, dialled with their imported TLS CA certificates), then the
# organisation registry.
host_commit_cc() {
  local key="$1" channel="$2" name="$3" version="$4" sequence="$5" i ready=false
  default_policy_and_collections "${channel}"
  use_org "${key}"
  sequence="$(host_sequence "${channel}" "${name}" "${sequence}")"
  local args=(--channelID "${channel}" --name "${name}" --version "${version}" --sequence "${sequence}"
    --signature-policy "${CC_POLICY}" --collections-config "${CC_COLLECTIONS}")
  if peer lifecycle chaincode querycommitted -C "${channel}" -n "${name}" --output json 2>/dev/null |
    peer_json committed-sequence | grep -qx "${sequence}"; then
    infoln "${name} (sequence ${sequence}) is already committed on ${channel}"
  else
    for i in $(seq 1 60); do
      if peer lifecycle chaincode checkcommitreadiness "${args[@]}" --output json 2>/dev/null |
        node -e 'const a=JSON.parse(require("fs").readFileSync(0)).approvals; process.exit(Object.values(a).every(Boolean)?0:1)'; then
        ready=true
        break
      fi
      sleep 1
    done
    [[ "${ready}" == true ]] || fatalln "not every member of ${channel} has approved ${name} (sequence ${sequence})"
    # shellcheck disable=SC2046
    peer lifecycle chaincode commit $(orderer_flags) "${args[@]}" $(peer_flags "${channel}") \
      >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "commit failed; see ${LOG_DIR}/peer-cli.log"
    successln "committed ${name} ${version} (sequence ${sequence}) on ${channel}"
  fi
  host_wait_for_endorsers "${key}" "${channel}" "${name}"
  if [[ "${REGISTER_ORGS:-true}" == "true" ]]; then register_organisations "${channel}" "${name}"; fi
}

# host_wait_for_endorsers KEY CHANNEL NAME — until the host's own peer's discovery knows the chaincode's endorsers.
host_wait_for_endorsers() {
  local key="$1" channel="$2" name="$3" i
  eval "$(topo org "${key}")"
  for i in $(seq 1 90); do
    discover --peerTLSCA "${PEER_TLS_CA}" --userKey "$(ls "${ADMIN_MSP}"/keystore/* | head -n 1)" \
      --userCert "$(ls "${ADMIN_MSP}"/signcerts/* | head -n 1)" --MSP "${ORG_MSP}" \
      --tlsCert "${ADMIN_TLS_DIR}/client.crt" --tlsKey "${ADMIN_TLS_DIR}/client.key" \
      endorsers --channel "${channel}" --server "${PEER_ADDRESS}" --chaincode "${name}" >/dev/null 2>&1 && return 0
    sleep 1
  done
  warnln "${PEER_NAME}: discovery has no endorsers for ${name} on ${channel} yet"
}

# host_await_endorsers KEY — until the host's own peer's gateway service can endorse on every other member's peer of
# its channels. Discovery knowing the chaincode's endorsers is not enough: the gateway adds another organisation's peer
# only once gossip has told it that peer's endpoint and chaincodes, and until then a write naming that organisation
# fails with "failed to find any endorsing peers".
host_await_endorsers() {
  local key="$1" channel other
  for channel in ${CHANNEL:-$(topo channels-of "${key}")}; do
    for other in $(topo members "${channel}"); do
      [[ "${other}" != "${key}" ]] || continue
      wait_for_endorsement_path "${channel}" "${key}" "${other}" ||
        fatalln "${key}'s peer cannot endorse with ${other}'s on ${channel}: is ${other}'s host reachable?"
    done
  done
  successln "${key}'s peer endorses with every other member of its channels"
}

# host_verb VERB — one of network.sh's verbs for the host named with -host.
host_verb() {
  local verb="$1" key="${HOST_KEY}" channel
  host_role "${key}" >/dev/null
  [[ "${verb}" == up || -s "${FA_HOME}/host" ]] || fatalln "no host at ${FA_HOME}: run 'network.sh up -host ${key}' first"
  [[ "${verb}" == up ]] || host_claim "${key}"
  case "${verb}" in
    up) host_up "${key}" ;;
    export) host_export "${key}" ;;
    import)
      [[ ${#IMPORT_FILES[@]} -gt 0 ]] || fatalln "import needs -f FILE"
      for f in "${IMPORT_FILES[@]}"; do host_import "${key}" "${f}"; done
      ;;
    createChannel)
      ensure_binaries
      for channel in ${CHANNEL:-$(topo channels)}; do host_create_channel "${channel}"; done
      ;;
    joinChannel)
      ensure_binaries
      for channel in ${CHANNEL:-$(topo channels-of "${key}")}; do host_join_channel "${key}" "${channel}"; done
      ;;
    deployCCAAS)
      ensure_binaries
      for channel in ${CHANNEL:-$(topo channels-of "${key}")}; do
        CC_POLICY="${USER_POLICY}" CC_COLLECTIONS="${USER_COLLECTIONS}"
        host_deploy_ccaas "${key}" "${channel}" "${CCN}" "${CCP}" "${CCV}" "${CCS}"
      done
      ;;
    commitCC)
      ensure_binaries
      for channel in ${CHANNEL:-$(topo channels-of "${key}")}; do
        CC_POLICY="${USER_POLICY}" CC_COLLECTIONS="${USER_COLLECTIONS}"
        host_commit_cc "${key}" "${channel}" "${CCN}" "${CCV}" "${CCS}"
      done
      ;;
    awaitEndorsers)
      [[ "$(host_role "${key}")" == org ]] || fatalln "awaitEndorsers is an organisation's verb"
      ensure_binaries
      host_await_endorsers "${key}"
      ;;
    stop) network_stop ;;
    start) host_start "${key}" ;;
    *) fatalln "${verb} does not take -host (per-host verbs: up export import createChannel joinChannel deployCCAAS commitCC awaitEndorsers stop start status down)" ;;
  esac
}

# host_start KEY — a stopped host's processes again, rank by rank, waiting only for this host's own nodes.
host_start() {
  local key="$1" name
  ensure_binaries
  for name in $(services 1); do respawn "${name}"; done
  for name in $(services 1); do wait_for_ca_health "${name}"; done
  for name in $(services 2) $(services 3) $(services 4); do respawn "${name}"; done
  if [[ "$(host_role "${key}")" == org ]]; then wait_for_peer "${key}"; fi
  if [[ -n "$(services 6)" ]]; then bash "${ROOT}/scripts/gateway.sh" start "${key}" || fatalln "the gateway did not start"; fi
  ensure_supervisor
  successln "host ${key} started"
}
