# Chaincode lifecycle: package (node, as `deployCC -ccl typescript` does, or chaincode-as-a-service),
# install on every member peer, approve per organisation, commit, then write the organisation registry.
# shellcheck shell=bash

orderer_flags() {
  use_orderer orderer0
  echo "-o ${ORDERER_ADDRESS} --tls --cafile ${ORDERER_TLS_CA}"
}

# peer_flags CHANNEL [KEYS...] — --peerAddresses/--tlsRootCertFiles for the given (default: all) members.
peer_flags() {
  local channel="$1" key flags=""
  shift
  local keys="${*:-$(topo members "${channel}")}"
  for key in ${keys}; do
    eval "$(topo org "${key}")"
    flags+=" --peerAddresses ${PEER_ADDRESS} --tlsRootCertFiles ${PEER_TLS_CA}"
  done
  echo "${flags}"
}

build_chaincode() {
  local path="$1" language="$2"
  [[ "${language}" == "typescript" || "${language}" == "javascript" ]] || fatalln "only -ccl typescript|javascript are supported (got ${language})"
  [[ -f "${path}/package.json" ]] || fatalln "no package.json in ${path}"
  infoln "building chaincode in ${path}"
  if [[ "$(cd "${path}" && pwd)" == "${ROOT}/chaincode" ]]; then
    (cd "${ROOT}" && npm run build -w @fabric-agreements/api -w chaincode >>"${LOG_DIR}/chaincode-build.log" 2>&1) ||
      fatalln "chaincode build failed; see ${LOG_DIR}/chaincode-build.log"
  elif [[ "${language}" == "typescript" ]]; then
    (cd "${path}" && npm install && npm run build) >>"${LOG_DIR}/chaincode-build.log" 2>&1 ||
      fatalln "chaincode build failed; see ${LOG_DIR}/chaincode-build.log"
  fi
}

install_package() {
  local channel="$1" pkg="$2" key
  PACKAGE_ID="$(peer lifecycle chaincode calculatepackageid "${pkg}")"
  for key in $(topo members "${channel}"); do
    use_org "${key}"
    if peer lifecycle chaincode queryinstalled --output json 2>/dev/null | peer_json installed "${PACKAGE_ID}"; then
      infoln "${PEER_NAME}: ${PACKAGE_ID} already installed"
      continue
    fi
    infoln "${PEER_NAME}: installing ${PACKAGE_ID} (the node builder runs npm install; first time takes a minute)"
    peer lifecycle chaincode install "${pkg}" >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
      fatalln "install on ${PEER_NAME} failed; see ${LOG_DIR}/peer-cli.log and ${LOG_DIR}/${PEER_NAME}.log"
  done
}

# approve_and_commit CHANNEL NAME VERSION SEQUENCE POLICY COLLECTIONS
approve_and_commit() {
  local channel="$1" name="$2" version="$3" sequence="$4" policy="$5" collections="$6" key
  local committed
  use_org "$(topo members "${channel}" | cut -d' ' -f1)"
  committed="$(peer lifecycle chaincode querycommitted -C "${channel}" -n "${name}" --output json 2>/dev/null || true)"
  if [[ "${sequence}" == "auto" ]]; then
    local current
    current="$(peer_json committed-sequence <<<"${committed}")"
    sequence=$(( ${current:-0} + 1 ))
    if [[ -n "${current}" && "$(peer_json committed-version <<<"${committed}")" == "${version}" ]] &&
      peer lifecycle chaincode queryapproved -C "${channel}" -n "${name}" --output json 2>/dev/null |
      peer_json approved "${PACKAGE_ID}"; then
      infoln "${name} ${version} already committed on ${channel} (sequence ${current})"
      return 0
    fi
  fi
  local args=(--channelID "${channel}" --name "${name}" --version "${version}" --sequence "${sequence}"
    --signature-policy "${policy}")
  [[ -n "${collections}" ]] && args+=(--collections-config "${collections}")
  for key in $(topo members "${channel}"); do
    use_org "${key}"
    # shellcheck disable=SC2046
    peer lifecycle chaincode approveformyorg $(orderer_flags) "${args[@]}" --package-id "${PACKAGE_ID}" \
      >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "approve by ${ORG_MSP} failed; see ${LOG_DIR}/peer-cli.log"
    infoln "${ORG_MSP} approved ${name} ${version} (sequence ${sequence}) on ${channel}"
  done
  use_org "$(topo members "${channel}" | cut -d' ' -f1)"
  # shellcheck disable=SC2046
  peer lifecycle chaincode commit $(orderer_flags) "${args[@]}" $(peer_flags "${channel}") \
    >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "commit failed; see ${LOG_DIR}/peer-cli.log"
  successln "committed ${name} ${version} (sequence ${sequence}) on ${channel}, policy ${policy}"
}

# invoke_as ORG_KEY USER_MSP CHANNEL NAME JSON [ENDORSING ORG KEYS...]
invoke_as() {
  local key="$1" msp="$2" channel="$3" name="$4" json="$5"
  shift 5
  use_org "${key}"
  # shellcheck disable=SC2046
  CORE_PEER_MSPCONFIGPATH="${msp}" peer chaincode invoke $(orderer_flags) -C "${channel}" -n "${name}" \
    $(peer_flags "${channel}" "$@") -c "${json}" --waitForEvent >>"${LOG_DIR}/peer-cli.log" 2>&1
}

# The organisation registry lives on the channel: the municipality registers itself, then each
# provider of the channel. Both calls are idempotent, so re-deploying is harmless.
register_organisations() {
  local channel="$1" name="$2" municipality="" key providers=()
  for key in $(topo members "${channel}"); do
    eval "$(topo org "${key}")"
    if [[ "${ORG_KIND}" == "municipality" ]]; then municipality="${key}"; else providers+=("${key}"); fi
  done
  [[ -n "${municipality}" && ${#providers[@]} -gt 0 ]] || { warnln "no municipality/provider pair on ${channel}: registry not written"; return 0; }
  eval "$(topo org "${municipality}")"
  local muni_admin="${ADMIN_MSP}"
  local muni_json
  muni_json="$(topo registry-invocation "${municipality}")"
  invoke_as "${municipality}" "${muni_admin}" "${channel}" "${name}" "${muni_json}" "${municipality}" "${providers[0]}" ||
    fatalln "registering the municipality on ${channel} failed; see ${LOG_DIR}/peer-cli.log"
  for key in "${providers[@]}"; do
    eval "$(topo org "${key}")"
    local json
    json="$(topo registry-invocation "${key}")"
    invoke_as "${municipality}" "${muni_admin}" "${channel}" "${name}" "${json}" "${municipality}" "${key}" ||
      fatalln "registering ${ORG_MSP} on ${channel} failed; see ${LOG_DIR}/peer-cli.log"
  done
  # Trading identifiers (CVR, EAN/GLN) for e-invoicing, set by the municipality's administrator; idempotent too.
  for key in "${municipality}" "${providers[@]}"; do
    local ids_json
    ids_json="$(topo identifiers-invocation "${key}")"
    [[ -n "${ids_json}" ]] || continue
    invoke_as "${municipality}" "${muni_admin}" "${channel}" "${name}" "${ids_json}" "${municipality}" "${providers[0]}" ||
      fatalln "setting the trading identifiers of ${key} on ${channel} failed; see ${LOG_DIR}/peer-cli.log"
  done
  successln "organisation registry written on ${channel}"
}

# The steps after install, the same for both deployment paths: the channel's definition, discovery readiness, each
# peer's gateway able to endorse on every other member's peer (discovery may already answer while a gateway has not
# yet been told another peer's endpoint: a first write would fail), and the organisation registry.
define_and_register() {
  local channel="$1" name="$2" version="$3" sequence="$4"
  approve_and_commit "${channel}" "${name}" "${version}" "${sequence}" "${CC_POLICY}" "${CC_COLLECTIONS}"
  wait_for_endorsers "${channel}" "${name}"
  wait_for_channel_mesh "${channel}"
  if [[ "${REGISTER_ORGS:-true}" == "true" ]]; then register_organisations "${channel}" "${name}"; fi
}

default_policy_and_collections() {
  local channel="$1"
  CC_POLICY="${CC_POLICY:-$(topo endorsement-policy "${channel}")}"
  if [[ -z "${CC_COLLECTIONS:-}" ]]; then
    CC_COLLECTIONS="${FA_HOME}/collections/${channel}.json"
    topo render-collections "${channel}" "${CC_COLLECTIONS}"
  fi
}

deploy_cc() {
  local channel="$1" name="$2" path="$3" language="$4" version="$5" sequence="$6"
  mkdir -p "${FA_HOME}/packages"
  default_policy_and_collections "${channel}"
  build_chaincode "${path}" "${language}"
  local pkg="${FA_HOME}/packages/${name}_${version}.tar.gz"
  use_org "$(topo members "${channel}" | cut -d' ' -f1)"
  local source="${path}"
  if [[ "$(cd "${path}" && pwd)" == "${ROOT}/chaincode" ]]; then
    # The project's chaincode imports the shared workspace package by name: ship a staged copy that vendors it.
    source="${FA_HOME}/packages/stage/${name}"
    node "${ROOT}/scripts/lib/stage-chaincode.mjs" "${source}" || fatalln "staging the chaincode failed"
  fi
  peer lifecycle chaincode package "${pkg}" --path "${source}" --lang node --label "${name}_${version}" \
    >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "packaging failed; see ${LOG_DIR}/peer-cli.log"
  install_package "${channel}" "${pkg}"
  define_and_register "${channel}" "${name}" "${version}" "${sequence}"
}

# Chaincode as a service: the package carries only connection.json; each organisation runs the
# chaincode server itself (fabric-chaincode-node server) and its peer dials it over TLS.
deploy_ccaas() {
  local channel="$1" name="$2" path="$3" version="$4" sequence="$5" key
  eval "$(topo chaincode)"
  mkdir -p "${FA_HOME}/packages/ccaas"
  default_policy_and_collections "${channel}"
  build_chaincode "${path}" typescript
  local label="${name}_ccaas_${version}" work="${FA_HOME}/packages/ccaas/${name}"
  rm -rf "${work}" && mkdir -p "${work}/src"
  topo render-ccaas-package "${work}" "${label}"
  # Reproducible archives: the same inputs give the same package id, so re-deploying is a no-op.
  local tarflags=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)
  tar -C "${work}/src" "${tarflags[@]}" -cf - connection.json | gzip -n >"${work}/code.tar.gz"
  tar -C "${work}" "${tarflags[@]}" -cf - metadata.json code.tar.gz | gzip -n >"${FA_HOME}/packages/${label}.tar.gz"
  use_org "$(topo members "${channel}" | cut -d' ' -f1)"
  install_package "${channel}" "${FA_HOME}/packages/${label}.tar.gz"
  for key in $(topo members "${channel}"); do start_ccaas_server "${key}" "${name}" "${path}"; done
  define_and_register "${channel}" "${name}" "${version}" "${sequence}"
}

# start_ccaas_server ORG NAME PATH — ORG's chaincode server for the installed package PACKAGE_ID (run by ORG on its
# own host, with its peer's TLS key).
start_ccaas_server() {
  local key="$1" name="$2" path="$3" port server="ccaas-$2-$1"
  eval "$(topo org "${key}")"
  port="$(topo ccaas-port "${key}")"
  # A server started for another package id would never be dialled for this one: restart it.
  if is_running "${server}" && [[ "$(cat "${PID_DIR}/${server}.package" 2>/dev/null)" != "${PACKAGE_ID}" ]]; then
    stop_process "${server}"
  fi
  mkdir -p "${PID_DIR}"
  echo "${PACKAGE_ID}" >"${PID_DIR}/${server}.package"
  # The chaincode id must equal the installed package id exactly, or the peer waits for its start-up timeout.
  start_process "${server}" "${path}" env CORE_PEER_LOCALMSPID="${ORG_MSP}" \
    CORE_CHAINCODE_LOGGING_LEVEL="${CORE_CHAINCODE_LOGGING_LEVEL:-warning}" \
    node "${ROOT}/node_modules/fabric-shim/cli.js" server --chaincode-address "${ORG_HOST}:${port}" \
    --chaincode-id "${PACKAGE_ID}" --chaincode-tls-cert-file "${PEER_DIR}/tls/server.crt" \
    --chaincode-tls-key-file "${PEER_DIR}/tls/server.key" --module-path "${path}"
  wait_for_port "${port}" 30 "${ORG_HOST}" || fatalln "chaincode server for ${ORG_MSP} did not listen on ${port}"
}

# After a deployment, each peer's discovery service must know the chaincode on every other member's peer (gossip
# state info), or gateways fail with "no endorsing peers". Ask each peer's discovery service until it answers.
wait_for_endorsers() {
  local channel="$1" name="$2" key i ok
  for key in $(topo members "${channel}"); do
    eval "$(topo org "${key}")"
    ok=false
    for i in $(seq 1 60); do
      if discover --peerTLSCA "${PEER_TLS_CA}" --userKey "$(ls "${ADMIN_MSP}"/keystore/* | head -n 1)" \
        --userCert "$(ls "${ADMIN_MSP}"/signcerts/* | head -n 1)" --MSP "${ORG_MSP}" \
        --tlsCert "${ADMIN_TLS_DIR}/client.crt" --tlsKey "${ADMIN_TLS_DIR}/client.key" \
        endorsers --channel "${channel}" --server "${PEER_ADDRESS}" --chaincode "${name}" >/dev/null 2>&1; then
        ok=true
        break
      fi
      sleep 1
    done
    [[ "${ok}" == true ]] || warnln "${PEER_NAME}: discovery has no endorsers for ${name} on ${channel} yet"
  done
  infoln "discovery on ${channel}: endorsers for ${name} known to every member peer"
}

# wait_for_rejoin ORG — after ORG's peer restarted, waits until its gateway service and every other member peer's can
# endorse across again: the restarted peer knows no one until gossip has run, and the others have dropped it from
# their gateways' endorsers until gossip sees it alive anew (up to the 25 s alive expiry), although discovery still
# lists it. Until then gateways answer "no endorsing peers".
wait_for_rejoin() {
  local restarted="$1" channel key
  for channel in $(topo channels); do
    [[ " $(topo members "${channel}") " == *" ${restarted} "* ]] || continue
    for key in $(topo members "${channel}"); do
      [[ "${key}" != "${restarted}" ]] || continue
      wait_for_endorsement_path "${channel}" "${key}" "${restarted}" || true
      wait_for_endorsement_path "${channel}" "${restarted}" "${key}" || true
    done
  done
  infoln "the peer of ${restarted} endorses with every member again"
}

# wait_for_endorsement_path CHANNEL FROM TO — until FROM's peer's gateway service can evaluate on TO's peer (1 if it
# still cannot after 90 s).
wait_for_endorsement_path() {
  local channel="$1" from="$2" to="$3" target i
  eval "$(topo chaincode)"
  eval "$(topo org "${to}")"
  target="${ORG_MSP}"
  eval "$(topo org "${from}")"
  for i in $(seq 1 90); do
    node "${ROOT}/scripts/lib/probe-endorser.mjs" "${PEER_ADDRESS}" "${PEER_TLS_CA}" "${ADMIN_MSP}" \
      "${ADMIN_TLS_DIR}" "${ORG_MSP}" "${channel}" "${CC_NAME}" "${target}" 2>/dev/null && return 0
    sleep 1
  done
  warnln "${PEER_NAME}'s gateway cannot endorse on ${target}'s peer on ${channel} yet"
  return 1
}
