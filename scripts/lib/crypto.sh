# Crypto material: cryptogen (default, as test-network) or Fabric CAs (-ca), one CA per organisation
# issuing both enrolment and TLS certificates, and the story's people with their role attributes.
#
# Every password (CA bootstrap admins, registrars, nodes, admins, the story's people) is random per network and kept
# in the network's secrets file (`secret`, scripts/lib/common.sh). Passwords reach fabric-ca-server and
# fabric-ca-client through environment variables (FABRIC_CA_SERVER_BOOT, FABRIC_CA_CLIENT_URL,
# FABRIC_CA_CLIENT_ID_SECRET), never through arguments, and no output line holding one is logged.
# shellcheck shell=bash

node_ous_config() {
  local cacert="$1"
  cat <<EOF2
NodeOUs:
  Enable: true
  ClientOUIdentifier: { Certificate: ${cacert}, OrganizationalUnitIdentifier: client }
  PeerOUIdentifier: { Certificate: ${cacert}, OrganizationalUnitIdentifier: peer }
  AdminOUIdentifier: { Certificate: ${cacert}, OrganizationalUnitIdentifier: admin }
  OrdererOUIdentifier: { Certificate: ${cacert}, OrganizationalUnitIdentifier: orderer }
EOF2
}

crypto_with_cryptogen() {
  infoln "generating crypto material with cryptogen"
  topo render-crypto-config "${FA_HOME}/crypto-config.yaml"
  cryptogen generate --config="${FA_HOME}/crypto-config.yaml" --output="${FA_HOME}/organizations" >/dev/null
}

# The secret name of a CA identity's password: CA_<ca>_<identity>, e.g. CA_ca_municipality_registrar.
secret_name() { echo "CA_${1//[^A-Za-z0-9]/_}_${2//[^A-Za-z0-9]/_}"; }

# start_ca NAME HOST PORT OPS_PORT HOST_CN — the CA listens on HOST only. The bootstrap password goes in by
# environment to `init` only (whose output, which echoes it as `boot:`, is filtered before it is logged);
# fabric-ca-server copies it into the config file it writes, which wait_ca blanks once the bootstrap identity is
# in the database (the server reads it from there afterwards).
start_ca() {
  local name="$1" host="$2" port="$3" ops="$4" cn="$5" home="${FA_HOME}/ca/$1"
  local flags=(--home "${home}" --address "${host}" --port "${port}" --ca.name "${name}" --tls.enabled
    --csr.cn "${cn}" --csr.hosts "localhost,127.0.0.1,${host}" --operations.listenaddress "${host}:${ops}"
    --metrics.provider prometheus)
  mkdir -p "${home}" "${LOG_DIR}"
  if [[ ! -f "${home}/fabric-ca-server-config.yaml" ]]; then
    FABRIC_CA_SERVER_BOOT="admin:$(secret "$(secret_name "${name}" admin)")" fabric-ca-server init "${flags[@]}" 2>&1 |
      grep -v '^boot:' >>"${LOG_DIR}/${name}.log" || fatalln "${name}: init failed; see ${LOG_DIR}/${name}.log"
  fi
  start_process "${name}" "${home}" fabric-ca-server start "${flags[@]}"
}

wait_ca() {
  local name="$1" host="$2" ops="$3" config="${FA_HOME}/ca/$1/fabric-ca-server-config.yaml"
  wait_for_url "http://${host}:${ops}/healthz" 60 || fatalln "${name} did not become healthy; see ${LOG_DIR}/${name}.log"
  [[ -f "${FA_HOME}/ca/${name}/tls-cert.pem" ]] || fatalln "${name} wrote no TLS certificate"
  sed -i 's/^\(\s*pass:\).*/\1 "" # the bootstrap identity is in the database; its password in the secrets file/' "${config}"
  chmod 600 "${config}" "${FA_HOME}/ca/${name}"/*.db "${FA_HOME}/ca/${name}/msp/keystore"/* 2>/dev/null || true
}

# ca_client ARGS... — fabric-ca-client with its output in logs/ca-client.log, less anything that could be a
# password (register prints "Password: …" when the CA generates one; URLs carry user:password@).
ca_client() {
  fabric-ca-client "$@" 2>&1 | grep -v '^Password:' | sed -E 's#//[^/@[:space:]]+@#//***@#g' >>"${LOG_DIR}/ca-client.log"
  return "${PIPESTATUS[0]}"
}

# ca_register CA ID TYPE [ARGS...] — registers ID with its password from the secrets file (one enrolment unless
# ARGS say otherwise); an identity already registered is left as it is.
ca_register() {
  local caname="$1" id="$2" type="$3"
  shift 3
  FABRIC_CA_CLIENT_ID_SECRET="$(secret "$(secret_name "${caname}" "${id}")")" \
    ca_client register --caname "${caname}" --id.name "${id}" --id.type "${type}" "$@" || true
}

# ca_enroll CA HOST:PORT ID TLSCERT [ARGS...] — enrols ID with its password from the secrets file.
ca_enroll() {
  local caname="$1" address="$2" id="$3" tlscert="$4"
  shift 4
  FABRIC_CA_CLIENT_URL="https://${id}:$(secret "$(secret_name "${caname}" "${id}")")@${address}" \
    ca_client enroll --caname "${caname}" --tls.certfiles "${tlscert}" "$@"
}

# enroll_tls DIR CA HOST:PORT ID TLSCERT HOSTS [server|client] — a TLS certificate in DIR/tls as
# server.crt/server.key (or client.crt/client.key) and ca.crt (the layout cryptogen produces).
enroll_tls() {
  local dir="$1" caname="$2" address="$3" id="$4" tlscert="$5" hosts="$6" kind="${7:-server}"
  ca_enroll "${caname}" "${address}" "${id}" "${tlscert}" -M "${dir}/tls" --enrollment.profile tls --csr.hosts "${hosts}"
  cp "${dir}"/tls/tlscacerts/* "${dir}/tls/ca.crt"
  cp "${dir}"/tls/signcerts/* "${dir}/tls/${kind}.crt"
  cp "${dir}"/tls/keystore/* "${dir}/tls/${kind}.key"
  chmod 600 "${dir}/tls/${kind}.key"
}

# finish_org_msp ORG_DIR CA_ADMIN_MSP — the org's MSP folder used in channel config: the CA certificate (as the
# bootstrap admin's enrolment received it), NodeOUs, TLS CA. No key: the bootstrap admin's enrolment stays in the
# CA's home.
finish_org_msp() {
  local org_dir="$1" admin_msp="$2" cafile
  cafile="$(basename "$(ls "${admin_msp}"/cacerts/*.pem | head -n 1)")"
  mkdir -p "${org_dir}/msp/cacerts" "${org_dir}/msp/tlscacerts"
  cp "${admin_msp}/cacerts/${cafile}" "${org_dir}/msp/cacerts/${cafile}"
  node_ous_config "cacerts/${cafile}" >"${org_dir}/msp/config.yaml"
  cp "${org_dir}/msp/cacerts/${cafile}" "${org_dir}/msp/tlscacerts/ca.crt"
}

# The registrar a gateway uses: it may register and revoke `client` identities carrying no attribute but `role`,
# and nothing else (no admins, peers or orderers, no hf.* attributes, no affiliations, no CRL).
REGISTRAR_ATTRS='hf.Registrar.Roles=client,hf.Registrar.DelegateRoles=client,hf.Registrar.Attributes=role,hf.Revoker=true,hf.GenCRL=false,hf.AffiliationMgr=false,hf.IntermediateCA=false'

enroll_peer_org() {
  local key="$1"
  eval "$(topo org "${key}")"
  local tlscert="${CA_HOME}/tls-cert.pem" address="${ORG_HOST}:${CA_PORT}" hosts="${PEER_NAME},localhost,127.0.0.1,${ORG_HOST}"
  mkdir -p "${ORG_DIR}"
  # The CA's bootstrap admin acts only here, from the CA's home; no gateway ever gets its key.
  export FABRIC_CA_CLIENT_HOME="${CA_HOME}/admin"
  ca_enroll "${CA_NAME}" "${address}" admin "${tlscert}"
  finish_org_msp "${ORG_DIR}" "${CA_HOME}/admin/msp"
  ca_register "${CA_NAME}" peer0 peer --tls.certfiles "${tlscert}"
  ca_register "${CA_NAME}" orgadmin admin --id.attrs "role=admin:ecert" --tls.certfiles "${tlscert}"
  ca_register "${CA_NAME}" registrar client --id.attrs "${REGISTRAR_ATTRS}" --id.maxenrollments 1 --tls.certfiles "${tlscert}"
  ca_register "${CA_NAME}" gateway-tls client --id.maxenrollments 1 --tls.certfiles "${tlscert}"
  ca_enroll "${CA_NAME}" "${address}" peer0 "${tlscert}" -M "${PEER_DIR}/msp"
  cp "${ORG_DIR}/msp/config.yaml" "${PEER_DIR}/msp/config.yaml"
  enroll_tls "${PEER_DIR}" "${CA_NAME}" "${address}" peer0 "${tlscert}" "${hosts}"
  ca_enroll "${CA_NAME}" "${address}" orgadmin "${tlscert}" -M "${ADMIN_MSP}"
  cp "${ORG_DIR}/msp/config.yaml" "${ADMIN_MSP}/config.yaml"
  # The admin's TLS client certificate: the peer CLI and the test harness present it to the peers.
  enroll_tls "$(dirname "${ADMIN_MSP}")" "${CA_NAME}" "${address}" orgadmin "${tlscert}" "localhost" client
  ca_enroll "${CA_NAME}" "${address}" registrar "${tlscert}" -M "${REGISTRAR_MSP}"
  cp "${ORG_DIR}/msp/config.yaml" "${REGISTRAR_MSP}/config.yaml"
  # The gateway's TLS client certificate for its peer connection.
  enroll_tls "$(dirname "${GATEWAY_TLS_DIR}")" "${CA_NAME}" "${address}" gateway-tls "${tlscert}" "localhost" client
  enroll_users "${key}"
}

# The story's people: registered with their role attribute in the enrolment certificate, one enrolment each.
enroll_users() {
  local key="$1" name role
  eval "$(topo org "${key}")"
  local tlscert="${CA_HOME}/tls-cert.pem"
  while read -r name role; do
    [[ -n "${name}" ]] || continue
    local msp="${ORG_DIR}/users/${name}@${ORG_DOMAIN}/msp"
    [[ -f "${msp}/signcerts/cert.pem" ]] && continue
    ca_register "${CA_NAME}" "${name}" client --id.attrs "role=${role}:ecert" --id.maxenrollments 1 --tls.certfiles "${tlscert}"
    ca_enroll "${CA_NAME}" "${ORG_HOST}:${CA_PORT}" "${name}" "${tlscert}" -M "${msp}" \
      --enrollment.attrs "role,hf.EnrollmentID,hf.Type"
    cp "${ORG_DIR}/msp/config.yaml" "${msp}/config.yaml"
  done < <(topo users "${key}")
}

enroll_orderer_org() {
  use_orderer orderer0
  local caname="ca-orderer" address="${ORDERER_HOST}:${ORDERER_CA_PORT}"
  local tlscert="${FA_HOME}/ca/${caname}/tls-cert.pem" node
  mkdir -p "${ORDERER_ORG_DIR}"
  export FABRIC_CA_CLIENT_HOME="${FA_HOME}/ca/${caname}/admin"
  ca_enroll "${caname}" "${address}" admin "${tlscert}"
  finish_org_msp "${ORDERER_ORG_DIR}" "${FA_HOME}/ca/${caname}/admin/msp"
  ca_register "${caname}" ordereradmin admin --tls.certfiles "${tlscert}"
  ca_enroll "${caname}" "${address}" ordereradmin "${tlscert}" -M "${ORDERER_ADMIN_DIR}/msp"
  cp "${ORDERER_ORG_DIR}/msp/config.yaml" "${ORDERER_ADMIN_DIR}/msp/config.yaml"
  # Every node of the topology gets material, so growing from 1 to 3 raft nodes needs no re-enrolment.
  for node in orderer0 orderer1 orderer2; do
    ORDERER_COUNT=3 use_orderer "${node}"
    ca_register "${caname}" "${node}" orderer --tls.certfiles "${tlscert}"
    ca_enroll "${caname}" "${address}" "${node}" "${tlscert}" -M "${ORDERER_DIR}/msp"
    cp "${ORDERER_ORG_DIR}/msp/config.yaml" "${ORDERER_DIR}/msp/config.yaml"
    enroll_tls "${ORDERER_DIR}" "${caname}" "${address}" "${node}" "${tlscert}" "${ORDERER_NAME},localhost,127.0.0.1,${ORDERER_HOST}"
  done
}

crypto_with_cas() {
  local key
  infoln "starting Fabric CAs and enrolling identities"
  use_orderer orderer0
  start_ca ca-orderer "${ORDERER_HOST}" "${ORDERER_CA_PORT}" "${ORDERER_CA_OPS_PORT}" "ca.${ORDERER_DOMAIN}"
  for key in $(topo orgs); do
    eval "$(topo org "${key}")"
    start_ca "${CA_NAME}" "${ORG_HOST}" "${CA_PORT}" "${CA_OPS_PORT}" "ca.${ORG_DOMAIN}"
  done
  wait_ca ca-orderer "${ORDERER_HOST}" "${ORDERER_CA_OPS_PORT}"
  for key in $(topo orgs); do
    eval "$(topo org "${key}")"
    wait_ca "${CA_NAME}" "${ORG_HOST}" "${CA_OPS_PORT}"
  done
  if [[ ! -f "${FA_HOME}/organizations/.enrolled" ]]; then
    enroll_orderer_org
    for key in $(topo orgs); do enroll_peer_org "${key}"; done
    touch "${FA_HOME}/organizations/.enrolled"
  fi
}
