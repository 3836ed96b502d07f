# Crypto material: cryptogen (default, as test-network) or Fabric CAs (-ca), one CA per organisation
# issuing both enrolment and TLS certificates, and the story's people with their role attributes.
# shellcheck shell=bash

CA_ADMIN_SECRET="${CA_ADMIN_SECRET:-adminpw}"

node_ous_config() {
  local cacert="$1"
  cat <<EOF
NodeOUs:
  Enable: true
  ClientOUIdentifier: { Certificate: ${cacert}, OrganizationalUnitIdentifier: client }
  PeerOUIdentifier: { Certificate: ${cacert}, OrganizationalUnitIdentifier: peer }
  AdminOUIdentifier: { Certificate: ${cacert}, OrganizationalUnitIdentifier: admin }
  OrdererOUIdentifier: { Certificate: ${cacert}, OrganizationalUnitIdentifier: orderer }
EOF
}

crypto_with_cryptogen() {
  infoln "generating crypto material with cryptogen"
  topo render-crypto-config "${FA_HOME}/crypto-config.yaml"
  cryptogen generate --config="${FA_HOME}/crypto-config.yaml" --output="${FA_HOME}/organizations" >/dev/null
}

# start_ca NAME PORT OPS_PORT HOST_CN
start_ca() {
  local name="$1" port="$2" ops="$3" cn="$4" home="${FA_HOME}/ca/$1"
  mkdir -p "${home}"
  start_process "${name}" "${home}" fabric-ca-server start -b "admin:${CA_ADMIN_SECRET}" --home "${home}" \
    --port "${port}" --ca.name "${name}" --tls.enabled --csr.cn "${cn}" --csr.hosts "localhost,127.0.0.1" \
    --operations.listenaddress "127.0.0.1:${ops}" --metrics.provider prometheus
}

wait_ca() {
  local name="$1" port="$2" ops="$3"
  wait_for_url "http://127.0.0.1:${ops}/healthz" 60 || fatalln "${name} did not become healthy; see ${LOG_DIR}/${name}.log"
  [[ -f "${FA_HOME}/ca/${name}/tls-cert.pem" ]] || fatalln "${name} wrote no TLS certificate"
}

ca_client() { fabric-ca-client "$@" >>"${LOG_DIR}/ca-client.log" 2>&1; }

# enroll_tls HOME_DIR URL CANAME TLSCERT HOSTS — enrols a TLS certificate into HOME_DIR/tls as
# server.crt/server.key/ca.crt (the layout cryptogen produces).
enroll_tls() {
  local dir="$1" url="$2" caname="$3" tlscert="$4" hosts="$5"
  ca_client enroll -u "${url}" --caname "${caname}" -M "${dir}/tls" --enrollment.profile tls \
    --csr.hosts "${hosts}" --tls.certfiles "${tlscert}"
  cp "${dir}"/tls/tlscacerts/* "${dir}/tls/ca.crt"
  cp "${dir}"/tls/signcerts/* "${dir}/tls/server.crt"
  cp "${dir}"/tls/keystore/* "${dir}/tls/server.key"
}

# org_msp ORG_DIR CA_NAME CA_PORT — the org's MSP folder used in channel config.
finish_org_msp() {
  local org_dir="$1" caname="$2" port="$3" cafile
  cafile="localhost-${port}-${caname//./-}.pem"
  node_ous_config "cacerts/${cafile}" >"${org_dir}/msp/config.yaml"
  mkdir -p "${org_dir}/msp/tlscacerts"
  cp "${org_dir}/msp/cacerts/${cafile}" "${org_dir}/msp/tlscacerts/ca.crt"
}

enroll_peer_org() {
  local key="$1"
  eval "$(topo org "${key}")"
  local tlscert="${FA_HOME}/ca/${CA_NAME}/tls-cert.pem" url="localhost:${CA_PORT}"
  mkdir -p "${ORG_DIR}"
  export FABRIC_CA_CLIENT_HOME="${ORG_DIR}"
  # The CA's bootstrap admin becomes the org's registrar (ORG_DIR/msp), as in test-network.
  ca_client enroll -u "https://admin:${CA_ADMIN_SECRET}@${url}" --caname "${CA_NAME}" --tls.certfiles "${tlscert}"
  finish_org_msp "${ORG_DIR}" "${CA_NAME}" "${CA_PORT}"
  ca_client register --caname "${CA_NAME}" --id.name peer0 --id.secret peer0pw --id.type peer --tls.certfiles "${tlscert}" || true
  ca_client register --caname "${CA_NAME}" --id.name orgadmin --id.secret orgadminpw --id.type admin \
    --id.attrs "role=admin:ecert" --tls.certfiles "${tlscert}" || true
  ca_client enroll -u "https://peer0:peer0pw@${url}" --caname "${CA_NAME}" -M "${PEER_DIR}/msp" --tls.certfiles "${tlscert}"
  cp "${ORG_DIR}/msp/config.yaml" "${PEER_DIR}/msp/config.yaml"
  enroll_tls "${PEER_DIR}" "https://peer0:peer0pw@${url}" "${CA_NAME}" "${tlscert}" "${PEER_NAME},localhost,127.0.0.1"
  ca_client enroll -u "https://orgadmin:orgadminpw@${url}" --caname "${CA_NAME}" -M "${ADMIN_MSP}" --tls.certfiles "${tlscert}"
  cp "${ORG_DIR}/msp/config.yaml" "${ADMIN_MSP}/config.yaml"
  enroll_users "${key}"
}

# The story's people: registered with their role attribute in the enrolment certificate.
enroll_users() {
  local key="$1" name role
  eval "$(topo org "${key}")"
  local tlscert="${FA_HOME}/ca/${CA_NAME}/tls-cert.pem"
  while read -r name role; do
    [[ -n "${name}" ]] || continue
    local msp="${ORG_DIR}/users/${name}@${ORG_DOMAIN}/msp"
    [[ -f "${msp}/signcerts/cert.pem" ]] && continue
    ca_client register --caname "${CA_NAME}" --id.name "${name}" --id.secret "${name}pw" --id.type client \
      --id.attrs "role=${role}:ecert" --tls.certfiles "${tlscert}" || true
    ca_client enroll -u "https://${name}:${name}pw@localhost:${CA_PORT}" --caname "${CA_NAME}" -M "${msp}" \
      --enrollment.attrs "role,hf.EnrollmentID,hf.Type" --tls.certfiles "${tlscert}"
    cp "${ORG_DIR}/msp/config.yaml" "${msp}/config.yaml"
  done < <(node -e '
    const u = require(process.argv[1]).users.filter((x) => x.org === process.argv[2]);
    for (const x of u) console.log(`${x.name} ${x.role}`);' "${ROOT}/network/users.json" "${key}")
}

enroll_orderer_org() {
  use_orderer orderer0
  local caname="ca-orderer" url="localhost:${ORDERER_CA_PORT}"
  local tlscert="${FA_HOME}/ca/${caname}/tls-cert.pem" node
  mkdir -p "${ORDERER_ORG_DIR}"
  export FABRIC_CA_CLIENT_HOME="${ORDERER_ORG_DIR}"
  ca_client enroll -u "https://admin:${CA_ADMIN_SECRET}@${url}" --caname "${caname}" --tls.certfiles "${tlscert}"
  finish_org_msp "${ORDERER_ORG_DIR}" "${caname}" "${ORDERER_CA_PORT}"
  ca_client register --caname "${caname}" --id.name ordereradmin --id.secret ordereradminpw --id.type admin \
    --tls.certfiles "${tlscert}" || true
  ca_client enroll -u "https://ordereradmin:ordereradminpw@${url}" --caname "${caname}" \
    -M "${ORDERER_ADMIN_DIR}/msp" --tls.certfiles "${tlscert}"
  cp "${ORDERER_ORG_DIR}/msp/config.yaml" "${ORDERER_ADMIN_DIR}/msp/config.yaml"
  # Every node of the topology gets material, so growing from 1 to 3 raft nodes needs no re-enrolment.
  for node in orderer0 orderer1 orderer2; do
    ORDERER_COUNT=3 use_orderer "${node}"
    ca_client register --caname "${caname}" --id.name "${node}" --id.secret "${node}pw" --id.type orderer \
      --tls.certfiles "${tlscert}" || true
    ca_client enroll -u "https://${node}:${node}pw@${url}" --caname "${caname}" -M "${ORDERER_DIR}/msp" \
      --tls.certfiles "${tlscert}"
    cp "${ORDERER_ORG_DIR}/msp/config.yaml" "${ORDERER_DIR}/msp/config.yaml"
    enroll_tls "${ORDERER_DIR}" "https://${node}:${node}pw@${url}" "${caname}" "${tlscert}" \
      "${ORDERER_NAME},localhost,127.0.0.1"
  done
}

crypto_with_cas() {
  local key
  infoln "starting Fabric CAs and enrolling identities"
  use_orderer orderer0
  start_ca ca-orderer "${ORDERER_CA_PORT}" "${ORDERER_CA_OPS_PORT}" "ca.${ORDERER_DOMAIN}"
  for key in $(topo orgs); do
    eval "$(topo org "${key}")"
    start_ca "${CA_NAME}" "${CA_PORT}" "${CA_OPS_PORT}" "ca.${ORG_DOMAIN}"
  done
  wait_ca ca-orderer "${ORDERER_CA_PORT}" "${ORDERER_CA_OPS_PORT}"
  for key in $(topo orgs); do
    eval "$(topo org "${key}")"
    wait_ca "${CA_NAME}" "${CA_PORT}" "${CA_OPS_PORT}"
  done
  if [[ ! -f "${FA_HOME}/organizations/.enrolled" ]]; then
    enroll_orderer_org
    for key in $(topo orgs); do enroll_peer_org "${key}"; done
    touch "${FA_HOME}/organizations/.enrolled"
  fi
}
