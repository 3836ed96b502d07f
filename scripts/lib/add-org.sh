# A new care provider joins the running network: `network.sh addOrg -org-file network/orgs/<key>.json`, in the spirit
# of fabric-samples test-network's addOrg3, for native processes. Operator's procedure: network/README.md, "A new
# care provider joins".
#
# Each step is the work of one organisation's operator on its own host, with that organisation's keys only; what one
# hands the next is a file under ${FA_HOME}/add-org/<key>/ (the new provider's MSP definition, the channel update
# with the signatures collected so far). `addOrg` runs the steps in sequence; `addOrg -step STEP [-c CH] [-org ORG]`
# runs one, as that organisation's operator would:
#
#   prepare            new provider  its CA and crypto, its MSP definition (definition.json), its peer
#   propose -org M     a member      the channel update adding the provider (update-0.pb, unsigned)
#   sign -org M        each member   copies the latest update-N.pb to update-N+1.pb and adds its admin's signature
#   submit -org M      a member      sends the latest update, adding its own signature, to the ordering service
#   join               new provider  fetches the genesis block, joins its peer, sets its anchor peer (its own update)
#   approve -org O     every member  approves the chaincode definition with the new pair collection (next sequence);
#                                    the new provider installs the package (and runs its chaincode server) first
#   commit -org M      a member      commits that definition
#   register           municipality  writes the provider into the channel's organisation registry
#   gateway            new provider  its REST gateway (and the identity provider learns its web client)
#
# Every step is idempotent: run again, it finds its work done and goes on, so an interrupted addOrg is finished by
# running it again.
# shellcheck shell=bash

ADD_ORG_HOME="${FA_HOME}/add-org"

# add_org FILE [STEP] — the whole procedure (or one STEP) for the provider described in FILE.
add_org() {
  local file="$1" step="${2:-all}" key channel member started=${SECONDS} t
  [[ -n "${file}" && -f "${file}" ]] || fatalln "addOrg needs -org-file FILE (a provider as in network/orgs/solhoej.json)"
  [[ -f "${FA_HOME}/orderer-count" ]] || fatalln "no network at ${FA_HOME}: create one first (npm start)"
  ensure_binaries
  key="$(add_org_record "${file}")"
  ADD_ORG_TIMES=()
  if [[ "${step}" != all ]]; then
    add_org_step "${key}" "${step}" "${CHANNEL:-}" "${COMPACT_ORGS:-}"
    return
  fi
  t=${SECONDS}
  add_org_prepare "${key}"
  ADD_ORG_TIMES+=("prepare $((SECONDS - t)) s")
  for channel in $(add_org_channels "${key}"); do
    local members=() last
    read -r -a members <<<"$(add_org_existing_members "${channel}" "${key}")"
    last="${members[${#members[@]} - 1]}"
    t=${SECONDS}
    if add_org_propose "${channel}" "${key}" "${members[0]}"; then
      for member in "${members[@]}"; do
        [[ "${member}" == "${last}" ]] || add_org_sign "${channel}" "${key}" "${member}"
      done
      add_org_submit "${channel}" "${key}" "${last}"
    fi
    ADD_ORG_TIMES+=("${channel}: channel update $((SECONDS - t)) s")
    t=${SECONDS}
    add_org_join "${channel}" "${key}"
    ADD_ORG_TIMES+=("${channel}: join and anchor peer $((SECONDS - t)) s")
    t=${SECONDS}
    add_org_definition "${channel}" "${key}"
    if [[ "${DEF_DONE}" != true ]]; then
      for member in $(topo members "${channel}"); do add_org_approve "${channel}" "${key}" "${member}"; done
    fi
    add_org_commit "${channel}" "${key}" "${members[0]}"
    ADD_ORG_TIMES+=("${channel}: chaincode definition $((SECONDS - t)) s")
    t=${SECONDS}
    add_org_register "${channel}" "${key}"
    ADD_ORG_TIMES+=("${channel}: registry $((SECONDS - t)) s")
  done
  t=${SECONDS}
  add_org_gateway "${key}"
  ADD_ORG_TIMES+=("gateway $((SECONDS - t)) s")
  successln "addOrg: ${key} joined $(add_org_channels "${key}") in $((SECONDS - started)) s ($(IFS=';'; echo "${ADD_ORG_TIMES[*]}" | sed 's/;/, /g'))"
}

# add_org_step KEY STEP CHANNEL ORG — one step, for one channel (default: each the provider joins).
add_org_step() {
  local key="$1" step="$2" channels="${3:-$(add_org_channels "$1")}" org="$4" channel
  case "${step}" in
    prepare) add_org_prepare "${key}" ;;
    gateway) add_org_gateway "${key}" ;;
    propose | sign | submit | approve | commit | join | register)
      for channel in ${channels}; do
        case "${step}" in
          join) add_org_join "${channel}" "${key}" ;;
          register) add_org_register "${channel}" "${key}" ;;
          propose)
            [[ -n "${org}" ]] || fatalln "addOrg -step ${step} needs -org ORG (the organisation whose operator acts)"
            add_org_propose "${channel}" "${key}" "${org}" || true
            ;;
          *)
            [[ -n "${org}" ]] || fatalln "addOrg -step ${step} needs -org ORG (the organisation whose operator acts)"
            "add_org_${step}" "${channel}" "${key}" "${org}"
            ;;
        esac
      done
      ;;
    *) fatalln "unknown addOrg step ${step} (prepare propose sign submit join approve commit register gateway)" ;;
  esac
}

# add_org_record FILE — checks the organisation file and records it under ${FA_HOME}/joined/ (numbered in joining
# order, which keeps each provider's chaincode server port), from where the topology reader merges it; prints its key.
add_org_record() {
  local file="$1" key recorded n
  key="$(node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).organisation?.key ?? ""))' "${file}")"
  [[ "${key}" =~ ^[a-z][a-z0-9]*$ ]] || fatalln "${file}: organisation.key must be lower-case letters and digits"
  recorded="$(ls "${FA_HOME}/joined/"*"-${key}.json" 2>/dev/null | head -n 1 || true)"
  if [[ -n "${recorded}" ]]; then
    cmp -s "${file}" "${recorded}" || warnln "${key} joined as ${recorded}; ${file} differs and is ignored"
  else
    topo orgs | tr ' ' '\n' | grep -qx "${key}" && fatalln "${key} is already an organisation of the network"
    topo check-join "${file}" >/dev/null || fatalln "${file} cannot join this network"
    mkdir -p "${FA_HOME}/joined"
    n="$(find "${FA_HOME}/joined" -name '*.json' | wc -l)"
    cp "${file}" "${FA_HOME}/joined/$(printf '%02d' $((n + 1)))-${key}.json"
    infoln "recorded ${key} in ${FA_HOME}/joined: every verb of network.sh and gateway.sh now knows it"
  fi
  echo "${key}"
}

# add_org_channels KEY — the channels the provider joins (its organisation file's `channels`).
add_org_channels() {
  local channel
  for channel in $(topo channels); do
    topo members "${channel}" | tr ' ' '\n' | grep -qx "$1" && echo "${channel}"
  done | paste -sd' '
}

# add_org_existing_members CHANNEL KEY — the channel's members before the provider.
add_org_existing_members() {
  topo members "$1" | tr ' ' '\n' | grep -vx "$2" | tr '\n' ' '
}

add_org_dir() {
  mkdir -p "${ADD_ORG_HOME}/$1${2:+/$2}"
  echo "${ADD_ORG_HOME}/$1${2:+/$2}"
}

# --- The new provider's operator ------------------------------------------------------------------------------------

# add_org_prepare KEY — the provider's crypto material (its own Fabric CA when the network uses CAs, else cryptogen),
# its MSP definition for the channel members (definition.json: CA and TLS CA certificates, NodeOUs, policies; public
# material only), and its peer.
add_org_prepare() {
  local key="$1" dir mode
  dir="$(add_org_dir "${key}")"
  eval "$(topo org "${key}")"
  mode="$(cat "${FA_HOME}/crypto-mode" 2>/dev/null || echo cryptogen)"
  if [[ "${mode}" == ca ]]; then
    start_ca "${CA_NAME}" "${ORG_HOST}" "${CA_PORT}" "${CA_OPS_PORT}" "ca.${ORG_DOMAIN}"
    wait_ca "${CA_NAME}" "${ORG_HOST}" "${CA_OPS_PORT}"
    if [[ ! -f "${ORG_DIR}/.enrolled" ]]; then
      # Its peer, admin, registrar, gateway TLS identity and its people (network/users.json), as for the others.
      enroll_peer_org "${key}"
      touch "${ORG_DIR}/.enrolled"
    fi
  elif [[ ! -d "${ORG_DIR}" ]]; then
    topo render-crypto-config "${dir}/crypto-config.yaml"
    # `extend` generates only the organisations that have no material yet.
    cryptogen extend --config="${dir}/crypto-config.yaml" --input="${FA_HOME}/organizations" >/dev/null ||
      fatalln "cryptogen extend failed for ${key}"
  fi
  eval "$(topo org "${key}")"
  topo render-configtx "${dir}/configtx.yaml"
  # The anchor peer is left out: the provider sets it itself once it is a member (its own Admins govern it).
  FABRIC_CFG_PATH="${dir}" configtxgen -printOrg "${ORG_MSP}" 2>>"${LOG_DIR}/configtxgen.log" |
    jq 'del(.values.AnchorPeers)' >"${dir}/definition.json" ||
    fatalln "configtxgen -printOrg ${ORG_MSP} failed; see ${LOG_DIR}/configtxgen.log"
  infoln "${ORG_MSP}'s MSP definition for the channel members: ${dir}/definition.json"
  start_peer "${key}"
  wait_for_peer "${key}"
}

# add_org_join CHANNEL KEY — joins the provider's peer (from the channel's genesis block, catching up from the
# ordering service) and sets its anchor peer in a configuration update the provider's admin signs alone.
add_org_join() {
  local channel="$1" key="$2" dir block
  dir="$(add_org_dir "${key}" "${channel}")"
  block="${dir}/genesis.block"
  (
    use_org "${key}"
    use_orderer orderer0
    if peer channel list 2>/dev/null | grep -qx "${channel}"; then
      infoln "${PEER_NAME} already in ${channel}"
    else
      peer channel fetch 0 "${block}" -c "${channel}" -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_TLS_CA}" \
        >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "${ORG_MSP} could not fetch ${channel}'s genesis block (is it a member yet?)"
      local attempt
      for attempt in 1 2 3 4 5; do
        peer channel join -b "${block}" >>"${LOG_DIR}/peer-cli.log" 2>&1 && break
        [[ ${attempt} == 5 ]] && fatalln "${PEER_NAME} could not join ${channel}; see ${LOG_DIR}/peer-cli.log"
        sleep 2
      done
      infoln "${PEER_NAME} joined ${channel}"
    fi
    add_org_fetch_config "${channel}" "${dir}/anchor-config.json"
    jq --arg msp "${ORG_MSP}" --arg host "${ORG_HOST}" --argjson port "${PEER_PORT}" \
      '.channel_group.groups.Application.groups[$msp].values.AnchorPeers =
        {mod_policy: "Admins", value: {anchor_peers: [{host: $host, port: $port}]}, version: "0"}' \
      "${dir}/anchor-config.json" >"${dir}/anchor-modified.json"
    if add_org_config_update "${channel}" "${dir}/anchor-config.json" "${dir}/anchor-modified.json" "${dir}/anchor.pb"; then
      peer channel update -f "${dir}/anchor.pb" -c "${channel}" -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_TLS_CA}" \
        >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "${ORG_MSP}'s anchor peer update failed; see ${LOG_DIR}/peer-cli.log"
      infoln "${channel}: ${ORG_MSP}'s anchor peer is ${ORG_HOST}:${PEER_PORT}"
    fi
  )
  add_org_wait_caught_up "${channel}" "${key}"
  wait_for_gossip "${channel}"
}

# add_org_wait_caught_up CHANNEL KEY — until the provider's peer has every block another member's peer has.
add_org_wait_caught_up() {
  local channel="$1" key="$2" other target height i
  other="$(add_org_existing_members "${channel}" "${key}" | cut -d' ' -f1)"
  target="$(use_org "${other}" && peer channel getinfo -c "${channel}" 2>/dev/null | peer_json height)"
  for i in $(seq 1 240); do
    height="$(use_org "${key}" && peer channel getinfo -c "${channel}" 2>/dev/null | peer_json height || echo 0)"
    [[ "${height:-0}" -ge "${target:-0}" ]] && { infoln "${key}'s peer has ${channel}'s ${height} blocks"; return 0; }
    sleep 0.5
  done
  warnln "${key}'s peer has ${height:-0} of ${target} blocks of ${channel}"
}

# --- The channel's members ------------------------------------------------------------------------------------------

# add_org_fetch_config CHANNEL OUT — the channel's current configuration as JSON, fetched as the organisation whose
# environment is set (use_org).
add_org_fetch_config() {
  local channel="$1" out="$2"
  use_orderer orderer0
  peer channel fetch config "${out}.pb" -c "${channel}" -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_TLS_CA}" \
    >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "fetching ${channel}'s configuration as ${CORE_PEER_LOCALMSPID} failed"
  configtxlator proto_decode --input "${out}.pb" --type common.Block | jq '.data.data[0].payload.data.config' >"${out}"
  rm -f "${out}.pb"
}

# add_org_config_update CHANNEL ORIGINAL MODIFIED OUT — the update from ORIGINAL to MODIFIED as an unsigned
# envelope; fails (writing nothing) when there is no difference.
add_org_config_update() {
  local channel="$1" original="$2" modified="$3" out="$4" work
  cmp -s <(jq -S . "${original}") <(jq -S . "${modified}") && return 1
  work="$(mktemp -d "${FA_HOME}/config-update.XXXXXX")"
  configtxlator proto_encode --input "${original}" --type common.Config --output "${work}/original.pb"
  configtxlator proto_encode --input "${modified}" --type common.Config --output "${work}/modified.pb"
  configtxlator compute_update --channel_id "${channel}" --original "${work}/original.pb" \
    --updated "${work}/modified.pb" --output "${work}/update.pb"
  configtxlator proto_decode --input "${work}/update.pb" --type common.ConfigUpdate |
    jq --arg ch "${channel}" '{payload: {header: {channel_header: {channel_id: $ch, type: 2}}, data: {config_update: .}}}' |
    configtxlator proto_encode --type common.Envelope --output "${out}"
  rm -rf "${work}"
}

# add_org_propose CHANNEL KEY MEMBER — MEMBER's operator, given the provider's definition.json, writes the update
# adding it to the channel's application organisations (update-0.pb). Returns 3 when the provider is a member already.
add_org_propose() {
  local channel="$1" key="$2" member="$3" dir definition
  dir="$(add_org_dir "${key}" "${channel}")"
  definition="${ADD_ORG_HOME}/${key}/definition.json"
  [[ -s "${definition}" ]] || fatalln "no ${definition}: the provider's operator runs 'addOrg -step prepare' and hands it over"
  local rc=0
  (
    set -e
    eval "$(topo org "${key}")"
    local msp="${ORG_MSP}"
    use_org "${member}"
    add_org_fetch_config "${channel}" "${dir}/config.json"
    if jq -e --arg msp "${msp}" '.channel_group.groups.Application.groups | has($msp)' "${dir}/config.json" >/dev/null; then
      infoln "${channel}: ${msp} is a member already"
      exit 3
    fi
    jq -s --arg msp "${msp}" '.[0] * {channel_group: {groups: {Application: {groups: {($msp): .[1]}}}}}' \
      "${dir}/config.json" "${definition}" >"${dir}/modified.json"
    rm -f "${dir}"/update-*.pb "${dir}/signers"
    add_org_config_update "${channel}" "${dir}/config.json" "${dir}/modified.json" "${dir}/update-0.pb"
    infoln "${channel}: ${ORG_MSP} proposed adding ${msp}: ${dir}/update-0.pb goes to each member's admin to sign"
  ) || rc=$?
  [[ ${rc} == 0 || ${rc} == 3 ]] || fatalln "proposing the update adding ${key} to ${channel} failed"
  return "${rc}"
}

# add_org_latest_update DIR — the update file with the most signatures so far.
add_org_latest_update() {
  local n=0
  while [[ -f "$1/update-$((n + 1)).pb" ]]; do n=$((n + 1)); done
  [[ -f "$1/update-${n}.pb" ]] || return 1
  echo "$1/update-${n}.pb"
}

# add_org_sign CHANNEL KEY MEMBER — MEMBER's admin signs the update it was handed, with its own key, into a new file.
add_org_sign() {
  local channel="$1" key="$2" member="$3" dir latest next
  dir="$(add_org_dir "${key}" "${channel}")"
  latest="$(add_org_latest_update "${dir}")" || fatalln "no update to sign in ${dir}: run 'addOrg -step propose' first"
  if grep -qx "${member}" "${dir}/signers" 2>/dev/null; then
    infoln "${member} has signed ${latest} already"
    return 0
  fi
  next="${dir}/update-$(($(basename "${latest}" .pb | sed 's/^update-//') + 1)).pb"
  (
    use_org "${member}"
    cp "${latest}" "${next}.tmp"
    peer channel signconfigtx -f "${next}.tmp" >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
      fatalln "${ORG_MSP} could not sign ${latest}; see ${LOG_DIR}/peer-cli.log"
    mv "${next}.tmp" "${next}"
    echo "${member}" >>"${dir}/signers"
    infoln "${channel}: ${ORG_MSP}'s admin signed the update: ${next}"
  )
}

# add_org_submit CHANNEL KEY MEMBER — MEMBER sends the signed update to the ordering service; `peer channel update`
# adds MEMBER's own signature. The channel's Admins policy (MAJORITY of the members' admins) decides.
add_org_submit() {
  local channel="$1" key="$2" member="$3" dir latest
  dir="$(add_org_dir "${key}" "${channel}")"
  latest="$(add_org_latest_update "${dir}")" || fatalln "no update to submit in ${dir}"
  (
    use_org "${member}"
    use_orderer orderer0
    peer channel update -f "${latest}" -c "${channel}" -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_TLS_CA}" \
      >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
      fatalln "the update adding ${key} to ${channel} was refused; see ${LOG_DIR}/peer-cli.log"
    infoln "${channel}: ${ORG_MSP} submitted the update signed by $(paste -sd, "${dir}/signers" 2>/dev/null) and itself"
  )
  successln "${channel}: ${key} is a member of the channel configuration"
}

# add_org_definition CHANNEL KEY — the chaincode definition every member approves: the committed version and
# package, the next sequence, the topology's endorsement policy and collections (with the new provider's pair
# collection). Sets CC_NAME, CC_PATH, DEF_VERSION, DEF_SEQUENCE, CC_POLICY, CC_COLLECTIONS, PACKAGE_ID, DEF_PACKAGE,
# DEF_DONE (true when the committed definition already has the provider), and DEF_OF (CHANNEL/KEY: later steps of
# the same run reuse it until the commit).
add_org_definition() {
  local channel="$1" key="$2" committed current pkg id
  [[ "${DEF_OF:-}" == "${channel}/${key}" ]] && return 0
  eval "$(topo chaincode)"
  eval "$(topo org "${key}")"
  local msp="${ORG_MSP}" first
  first="$(add_org_existing_members "${channel}" "${key}" | cut -d' ' -f1)"
  use_org "${first}"
  committed="$(peer lifecycle chaincode querycommitted -C "${channel}" -n "${CC_NAME}" --output json 2>/dev/null)" ||
    fatalln "no chaincode ${CC_NAME} committed on ${channel}"
  DEF_VERSION="$(peer_json committed-version <<<"${committed}")"
  current="$(peer_json committed-sequence <<<"${committed}")"
  DEF_DONE=false
  jq -e --arg msp "${msp}" '.approvals[$msp] == true' <<<"${committed}" >/dev/null && DEF_DONE=true
  DEF_SEQUENCE=$((current + 1))
  [[ "${DEF_DONE}" == true ]] && DEF_SEQUENCE="${current}"
  # The package the channel runs: the one the first member approved.
  DEF_PACKAGE="" PACKAGE_ID=""
  for pkg in "${FA_HOME}"/packages/*.tar.gz; do
    [[ -e "${pkg}" ]] || continue
    id="$(peer lifecycle chaincode calculatepackageid "${pkg}")"
    if peer lifecycle chaincode queryapproved -C "${channel}" -n "${CC_NAME}" --sequence "${current}" --output json \
      2>/dev/null | peer_json approved "${id}"; then
      DEF_PACKAGE="${pkg}" PACKAGE_ID="${id}"
      break
    fi
  done
  [[ -n "${DEF_PACKAGE}" ]] || fatalln "none of ${FA_HOME}/packages is the package ${first} approved on ${channel}"
  CC_POLICY="$(topo endorsement-policy "${channel}")"
  CC_COLLECTIONS="${FA_HOME}/collections/${channel}.json"
  topo render-collections "${channel}" "${CC_COLLECTIONS}"
  DEF_OF="${channel}/${key}"
}

# add_org_approve CHANNEL KEY ORG — ORG's admin approves the definition with the provider's pair collection; the new
# provider first installs the package on its peer (and, for chaincode as a service, starts its chaincode server).
add_org_approve() {
  local channel="$1" key="$2" org="$3" readiness
  add_org_definition "${channel}" "${key}"
  [[ "${DEF_DONE}" == true ]] && { infoln "${channel}: the committed definition has ${key} already"; return 0; }
  if [[ "${org}" == "${key}" ]]; then
    use_org "${key}"
    if ! peer lifecycle chaincode queryinstalled --output json 2>/dev/null | peer_json installed "${PACKAGE_ID}"; then
      infoln "${PEER_NAME}: installing ${PACKAGE_ID} (for a node package its builder runs npm ci: a minute)"
      peer lifecycle chaincode install "${DEF_PACKAGE}" >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
        fatalln "install on ${PEER_NAME} failed; see ${LOG_DIR}/peer-cli.log and ${LOG_DIR}/${PEER_NAME}.log"
    fi
    if [[ "$(basename "${DEF_PACKAGE}")" == *_ccaas_* ]]; then start_ccaas_server "${key}" "${CC_NAME}" "${CC_PATH}"; fi
  fi
  use_org "${org}"
  local args=(--channelID "${channel}" --name "${CC_NAME}" --version "${DEF_VERSION}" --sequence "${DEF_SEQUENCE}"
    --signature-policy "${CC_POLICY}" --collections-config "${CC_COLLECTIONS}")
  readiness="$(peer lifecycle chaincode checkcommitreadiness "${args[@]}" --output json 2>/dev/null || true)"
  if jq -e --arg msp "${ORG_MSP}" '.approvals[$msp] == true' <<<"${readiness}" >/dev/null 2>&1; then
    infoln "${ORG_MSP} approved sequence ${DEF_SEQUENCE} on ${channel} already"
    return 0
  fi
  # shellcheck disable=SC2046
  peer lifecycle chaincode approveformyorg $(orderer_flags) "${args[@]}" --package-id "${PACKAGE_ID}" \
    >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "approve by ${ORG_MSP} failed; see ${LOG_DIR}/peer-cli.log"
  infoln "${ORG_MSP} approved ${CC_NAME} sequence ${DEF_SEQUENCE} on ${channel} (policy ${CC_POLICY})"
}

# add_org_commit CHANNEL KEY MEMBER — MEMBER commits the definition every member approved, then waits until every
# member peer's discovery names endorsers and the provider's peer endorses with the others.
add_org_commit() {
  local channel="$1" key="$2" member="$3" other
  add_org_definition "${channel}" "${key}"
  if [[ "${DEF_DONE}" != true ]]; then
    use_org "${member}"
    # shellcheck disable=SC2046
    peer lifecycle chaincode commit $(orderer_flags) --channelID "${channel}" --name "${CC_NAME}" \
      --version "${DEF_VERSION}" --sequence "${DEF_SEQUENCE}" --signature-policy "${CC_POLICY}" \
      --collections-config "${CC_COLLECTIONS}" $(peer_flags "${channel}") >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
      fatalln "commit failed (has every member approved?); see ${LOG_DIR}/peer-cli.log"
    DEF_DONE=true
    successln "${channel}: ${CC_NAME} sequence ${DEF_SEQUENCE} committed, with ${key}'s pair collection"
  fi
  wait_for_endorsers "${channel}" "${CC_NAME}"
  for other in $(add_org_existing_members "${channel}" "${key}"); do
    wait_for_endorsement_path "${channel}" "${key}" "${other}" || true
    wait_for_endorsement_path "${channel}" "${other}" "${key}" || true
  done
}

# add_org_register CHANNEL KEY — the municipality's admin writes the provider into the organisation registry
# (idempotent), endorsed by the municipality's and the provider's peers.
add_org_register() {
  local channel="$1" key="$2" member municipality=""
  for member in $(topo members "${channel}"); do
    eval "$(topo org "${member}")"
    [[ "${ORG_KIND}" == municipality ]] && municipality="${member}"
  done
  [[ -n "${municipality}" ]] || fatalln "${channel} has no municipality to register ${key}"
  eval "$(topo chaincode)"
  eval "$(topo org "${municipality}")"
  invoke_as "${municipality}" "${ADMIN_MSP}" "${channel}" "${CC_NAME}" "$(topo registry-invocation "${key}")" \
    "${municipality}" "${key}" || fatalln "registering ${key} on ${channel} failed; see ${LOG_DIR}/peer-cli.log"
  successln "${channel}: ${key} is in the organisation registry"
}

# add_org_gateway KEY — when the network's gateways run, the provider's gateway starts too, and the development
# identity provider restarts so that it knows the provider's web client (its people come from network/users.json).
add_org_gateway() {
  local key="$1"
  if [[ -z "$(services 6)" ]]; then
    infoln "no gateways run on this network: start ${key}'s with 'gateway.sh start ${key}'"
    return 0
  fi
  if is_running "gateway-${key}"; then
    infoln "gateway-${key} runs already"
    return 0
  fi
  if is_running dev-oidc; then stop_process dev-oidc; fi
  bash "${ROOT}/scripts/gateway.sh" start "${key}" || fatalln "${key}'s gateway did not start"
}
