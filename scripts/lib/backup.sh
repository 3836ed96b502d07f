# Backing up one organisation and restoring its peer from the backup: a ledger snapshot per channel (Fabric's
# `peer snapshot submitrequest`, joined again with `peer channel joinbysnapshot`), the CA's database and home, the
# organisation's MSP and TLS material, the installed chaincode packages, and the gateway's wallet, idempotency
# records, event checkpoints and pseudonym key. Operator's guide: network/README.md, "Backup and restore".
# shellcheck shell=bash

# What a backup holds, relative to its directory:
#   manifest.json        organisation, channels with the snapshot's block number and hash, every file's sha256
#   SHA256SUMS           the same hashes, for `sha256sum -c`
#   ledger/<channel>/    the peer's snapshot of the channel (public state, private data hashes, tx ids, collections)
#   chaincode/           the chaincode packages installed on the peer
#   organization/        the organisation's MSP and TLS folder (peer, admin, registrar, gateway TLS; private keys)
#   ca/                  the Fabric CA's home: database (an online sqlite copy), CA and TLS keys, bootstrap enrolment
#   secrets.env          the passwords of the CA's identities (its lines of the network's secrets file)
#   gateway/wallet/      the gateway's wallet (people's keys and certificates)
#   gateway/state/       idempotency records and event checkpoints
#   gateway/pseudonym.key  the municipality's pseudonym key
BACKUP_SNAPSHOT_TIMEOUT_S="${BACKUP_SNAPSHOT_TIMEOUT_S:-180}"

# peer_snapshot_flags — the peer CLI's flags for the current organisation's peer (use_org first).
peer_snapshot_flags() { echo "--peerAddress ${CORE_PEER_ADDRESS} --tlsRootCertFile ${CORE_PEER_TLS_ROOTCERT_FILE}"; }

# org_channels ORG — the created channels ORG is a member of.
org_channels() {
  local key="$1" channel
  for channel in $(channels_created); do
    [[ " $(topo members "${channel}") " == *" ${key} "* ]] && echo "${channel}"
  done
}

# snapshot_channel ORG CHANNEL DEST — has ORG's peer write a snapshot of CHANNEL at its last committed block, waits
# until it is complete (the peer renames its temporary folder into completed/CHANNEL/BLOCK when done), moves it to
# DEST and prints the block number.
snapshot_channel() {
  local key="$1" channel="$2" dest="$3" root before i block=""
  use_org "${key}"
  root="${FA_HOME}/nodes/${PEER_NAME}/data/snapshots/completed/${channel}"
  before="$(ls "${root}" 2>/dev/null | sort)" || before=""
  # shellcheck disable=SC2046 # flags are single words
  peer snapshot submitrequest -c "${channel}" -b 0 $(peer_snapshot_flags) >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
    fatalln "${PEER_NAME}: the snapshot request for ${channel} was refused; see ${LOG_DIR}/peer-cli.log"
  for i in $(seq 1 $((BACKUP_SNAPSHOT_TIMEOUT_S * 2))); do
    block="$(comm -13 <(echo "${before}") <(ls "${root}" 2>/dev/null | sort) | head -n 1)"
    [[ -n "${block}" && -f "${root}/${block}/_snapshot_additional_metadata.json" ]] && break
    block=""
    sleep 0.5
  done
  [[ -n "${block}" ]] || fatalln "${PEER_NAME}: no snapshot of ${channel} within ${BACKUP_SNAPSHOT_TIMEOUT_S} s; see ${LOG_DIR}/${PEER_NAME}.log"
  mkdir -p "$(dirname "${dest}")"
  # Once completed the peer no longer uses the folder (Fabric's docs): the backup takes it.
  mv "${root}/${block}" "${dest}"
  echo "${block}"
}

# backup_org ORG OUT — writes ORG's backup to the folder OUT, or to a gzipped tarball if OUT ends in .tar.gz.
backup_org() {
  local key="$1" out dir channel block started=${SECONDS} channels_json="[]" fingerprint file
  out="$(realpath -m "$2")"
  eval "$(topo org "${key}")"
  [[ -d "${ORG_DIR}" ]] || fatalln "no organisation ${key} at ${ORG_DIR}"
  is_running "${PEER_NAME}" || fatalln "${PEER_NAME} is not running: a snapshot needs the peer"
  if [[ "${out}" == *.tar.gz ]]; then
    dir="${out%.tar.gz}"
  else
    dir="${out}"
  fi
  [[ ! -e "${dir}" || -z "$(ls -A "${dir}")" ]] || fatalln "${dir} exists and is not empty"
  [[ "${out}" != *.tar.gz || ! -e "${out}" ]] || fatalln "${out} exists"
  mkdir -p "${dir}"
  chmod 700 "${dir}"
  infoln "backing up ${ORG_MSP} to ${out}"

  # The ledger: one snapshot per channel, each at the peer's last committed block.
  for channel in $(org_channels "${key}"); do
    block="$(snapshot_channel "${key}" "${channel}" "${dir}/ledger/${channel}")"
    channels_json="$(jq --arg c "${channel}" --argjson b "${block}" \
      --arg h "$(jq -r .snapshot_hash "${dir}/ledger/${channel}/_snapshot_additional_metadata.json")" \
      '. + [{channel: $c, blockNumber: $b, height: ($b + 1), snapshotHash: $h}]' <<<"${channels_json}")"
    infoln "${channel}: snapshot at block ${block}"
  done

  # The chaincode packages the peer has installed (a replacement peer installs them again).
  if [[ -d "${FA_HOME}/nodes/${PEER_NAME}/data/lifecycle/chaincodes" ]]; then
    mkdir -p "${dir}/chaincode"
    cp "${FA_HOME}/nodes/${PEER_NAME}/data/lifecycle/chaincodes"/*.tar.gz "${dir}/chaincode/" 2>/dev/null || true
  fi

  # The organisation's MSP and TLS material, private keys included.
  cp -a "${ORG_DIR}" "${dir}/organization"

  # The CA: its home, with the database copied through sqlite's online backup (consistent while the CA runs).
  if [[ -d "${CA_HOME}" ]]; then
    mkdir -p "${dir}/ca"
    (cd "${CA_HOME}" && find . -mindepth 1 -maxdepth 1 ! -name 'fabric-ca-server.db*' -exec cp -a {} "${dir}/ca/" \;)
    if [[ -f "${CA_HOME}/fabric-ca-server.db" ]]; then
      sqlite3 "${CA_HOME}/fabric-ca-server.db" ".backup '${dir}/ca/fabric-ca-server.db'" ||
        fatalln "copying ${CA_NAME}'s database failed"
    fi
    # Its identities' passwords (re-enrolling a node or an admin needs them).
    if [[ -f "$(secrets_file)" ]]; then
      grep "^$(secret_name "${CA_NAME}" '')" "$(secrets_file)" >"${dir}/secrets.env" || true
    fi
  fi

  # The gateway's data of this network, and the municipality's pseudonym key.
  if fingerprint="$(network_fingerprint "${ORG_DIR}")"; then
    for file in wallet state; do
      if [[ -d "${DATA_ROOT}/${file}/${key}/${fingerprint}" ]]; then
        mkdir -p "${dir}/gateway"
        cp -a "${DATA_ROOT}/${file}/${key}/${fingerprint}" "${dir}/gateway/${file}"
      fi
    done
  fi
  file="$(pseudonym_key_path "${key}")"
  if [[ -s "${file}" ]]; then
    mkdir -p "${dir}/gateway"
    cp "${file}" "${dir}/gateway/pseudonym.key"
  fi

  # Keys are secrets: owner-only, whatever the umask of whoever copies the backup on.
  find "${dir}" -type d -exec chmod 700 {} +
  find "${dir}" -type f -exec chmod 600 {} +
  (cd "${dir}" && find . -type f ! -name SHA256SUMS ! -name manifest.json -printf '%P\n' | LC_ALL=C sort |
    xargs -r -d '\n' sha256sum >SHA256SUMS)
  jq -n --arg org "${key}" --arg msp "${ORG_MSP}" --arg peer "${PEER_NAME}" --arg ca "${CA_NAME}" \
    --arg created "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg network "$(network_id)" \
    --arg fabric "$(sed -n 's/^FABRIC_VERSION=//p' "${ROOT}/network/versions.env")" \
    --argjson channels "${channels_json}" --rawfile sums "${dir}/SHA256SUMS" \
    '{format: 1, organisation: $org, mspId: $msp, peer: $peer, ca: $ca, createdAt: $created, networkId: $network,
      fabricVersion: $fabric, channels: $channels,
      files: ($sums | split("\n") | map(select(length > 0) | capture("^(?<sha256>[0-9a-f]{64})  (?<path>.*)$")))}' \
    >"${dir}/manifest.json"
  chmod 600 "${dir}/manifest.json" "${dir}/SHA256SUMS"
  if [[ "${out}" == *.tar.gz ]]; then
    tar -C "$(dirname "${dir}")" -czf "${out}" "$(basename "${dir}")"
    chmod 600 "${out}"
    rm -rf "${dir}"
  fi
  successln "backup of ${ORG_MSP} in ${out} ($(du -sh "${out}" | cut -f1), $((SECONDS - started)) s): channels $(jq -r '[.[] | "\(.channel)@\(.blockNumber)"] | join(" ")' <<<"${channels_json}"). It holds private keys: keep it encrypted, off this host"
}

# pseudonym_key_path ORG — where the gateway keeps ORG's pseudonym key (scripts/gateway.sh, pseudonym_key_file).
pseudonym_key_path() { echo "${GATEWAY_PSEUDONYM_KEY_FILE:-${DATA_ROOT}/pseudonym-key/$1.key}"; }

# verified_backup FROM — prints the backup's folder: FROM itself, or FROM (a .tar.gz) unpacked into a private temporary
# folder; fails unless every file matches the manifest's hash.
verified_backup() {
  local from="$1" dir
  if [[ -f "${from}" && "${from}" == *.tar.gz ]]; then
    mkdir -p "${DATA_ROOT}/restore"
    dir="$(mktemp -d "${DATA_ROOT}/restore/unpacked.XXXXXX")"
    tar -C "${dir}" -xzf "${from}" || fatalln "${from} is not a readable backup tarball"
    dir="$(find "${dir}" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
  else
    dir="$(cd "${from}" 2>/dev/null && pwd)" || fatalln "no backup at ${from}"
  fi
  [[ -f "${dir}/manifest.json" ]] || fatalln "${from} has no manifest.json: not a backup of network.sh backup"
  (cd "${dir}" && jq -r '.files[] | "\(.sha256)  \(.path)"' manifest.json | sha256sum -c --quiet --strict -) >&2 ||
    fatalln "${from}: files differ from the manifest's hashes; refusing to restore from it"
  echo "${dir}"
}

# restore_missing SRC DEST — copies SRC to DEST if DEST does not exist; says whether it did (exit status).
restore_missing() {
  local src="$1" dest="$2"
  [[ -e "${src}" && ! -e "${dest}" ]] || return 1
  mkdir -p "$(dirname "${dest}")"
  cp -a "${src}" "${dest}"
  infoln "restored ${dest}"
}

# restore_org ORG FROM — replaces ORG's peer by one joined from the backup's snapshots, and puts back whatever else of
# the organisation is missing (its MSP and TLS material, CA home, the CA identities' passwords, the gateway's wallet
# and state, the pseudonym key). What exists is never overwritten: it is newer than the backup. The peer's ledger is
# always replaced; one that is still there is moved aside, not deleted.
restore_org() {
  local key="$1" from="$2" dir started=${SECONDS} channel block data line fingerprint restarted_ca=false
  local restored_gateway=false pkg other height mine i
  eval "$(topo org "${key}")"
  dir="$(verified_backup "${from}")"
  [[ "$(jq -r .organisation "${dir}/manifest.json")" == "${key}" ]] ||
    fatalln "${from} is a backup of $(jq -r .organisation "${dir}/manifest.json"), not of ${key}"
  infoln "restoring ${ORG_MSP}'s peer from ${from}"

  # Identity first: the organisation's MSP and TLS material, file by file where missing.
  (cd "${dir}/organization" && find . -type f -printf '%P\n') | while IFS= read -r line; do
    restore_missing "${dir}/organization/${line}" "${ORG_DIR}/${line}" || true
  done
  # The CA and its identities' passwords.
  if [[ -d "${dir}/ca" && ! -f "${CA_HOME}/fabric-ca-server.db" ]]; then
    stop_process "${CA_NAME}"
    mkdir -p "${CA_HOME}"
    cp -a "${dir}/ca/." "${CA_HOME}/"
    infoln "restored ${CA_HOME}"
    restarted_ca=true
  fi
  if [[ -f "${dir}/ca/ca-cert.pem" && -f "${CA_HOME}/ca-cert.pem" ]] && ! cmp -s "${dir}/ca/ca-cert.pem" "${CA_HOME}/ca-cert.pem"; then
    warnln "${CA_HOME} holds another CA than the backup (initialised anew after a loss?): move it aside and restore again"
  fi
  if [[ -f "${dir}/secrets.env" ]]; then
    while IFS= read -r line; do
      grep -qx -- "${line%%=*}=.*" "$(secrets_file)" 2>/dev/null && continue
      mkdir -p "$(secrets_dir)"
      chmod 700 "$(secrets_dir)"
      echo "${line}" >>"$(secrets_file)"
      chmod 600 "$(secrets_file)"
    done <"${dir}/secrets.env"
  fi
  if [[ "${restarted_ca}" == true && -f "${SERVICE_DIR}/${CA_NAME}.spec" ]]; then
    respawn "${CA_NAME}"
    wait_for_ca_health "${CA_NAME}"
  fi
  # The gateway's data and the pseudonym key.
  fingerprint="$(network_fingerprint "${ORG_DIR}")" || fatalln "no CA certificate in ${ORG_DIR}/msp/cacerts"
  for line in wallet state; do
    restore_missing "${dir}/gateway/${line}" "${DATA_ROOT}/${line}/${key}/${fingerprint}" && restored_gateway=true
  done
  restore_missing "${dir}/gateway/pseudonym.key" "$(pseudonym_key_path "${key}")" && restored_gateway=true

  # The peer: stopped (marked down, so the supervisor leaves it alone), its ledger replaced by an empty one.
  stop_process "${PEER_NAME}"
  data="${FA_HOME}/nodes/${PEER_NAME}/data"
  if [[ -e "${data}" ]]; then
    mv "${data}" "${data}.replaced-$(date -u +%Y%m%dT%H%M%SZ)"
    warnln "${PEER_NAME}'s previous ledger moved to ${data}.replaced-*; delete it once the restored peer serves"
  fi
  start_peer "${key}"
  wait_for_peer "${key}"
  use_org "${key}"
  for channel in $(jq -r '.channels[].channel' "${dir}/manifest.json"); do
    block="$(jq -r --arg c "${channel}" '.channels[] | select(.channel == $c) | .blockNumber' "${dir}/manifest.json")"
    peer channel joinbysnapshot --snapshotpath "${dir}/ledger/${channel}" >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
      fatalln "${PEER_NAME} could not join ${channel} from its snapshot; see ${LOG_DIR}/peer-cli.log"
    # The peer imports the snapshot in the background; one import at a time.
    for i in $(seq 1 $((BACKUP_SNAPSHOT_TIMEOUT_S * 2))); do
      peer channel joinbysnapshotstatus 2>/dev/null | grep -q 'No joinbysnapshot operation is in progress' && break
      sleep 0.5
    done
    peer channel list 2>/dev/null | grep -qx "${channel}" ||
      fatalln "${PEER_NAME} has not joined ${channel}; see ${LOG_DIR}/${PEER_NAME}.log"
    infoln "${PEER_NAME} joined ${channel} from its snapshot at block ${block}"
  done
  # Chaincode: the lost ledger folder held the installed packages too.
  for pkg in "${dir}"/chaincode/*.tar.gz; do
    [[ -e "${pkg}" ]] || continue
    peer lifecycle chaincode install "${pkg}" >>"${LOG_DIR}/peer-cli.log" 2>&1 ||
      fatalln "installing $(basename "${pkg}") on ${PEER_NAME} failed; see ${LOG_DIR}/peer-cli.log"
    infoln "${PEER_NAME}: installed $(basename "${pkg}")"
  done
  # Catching up from the ordering service beyond the snapshot: until its height is another member's.
  for channel in $(jq -r '.channels[].channel' "${dir}/manifest.json"); do
    other="$(topo members "${channel}" | tr ' ' '\n' | grep -vx "${key}" | head -n 1)"
    for i in $(seq 1 240); do
      use_org "${other}"
      height="$(peer channel getinfo -c "${channel}" 2>/dev/null | peer_json height)" || height=""
      use_org "${key}"
      mine="$(peer channel getinfo -c "${channel}" 2>/dev/null | peer_json height)" || mine=""
      [[ -n "${mine}" && "${mine}" == "${height}" ]] && break
      sleep 0.5
    done
    [[ -n "${mine}" && "${mine}" == "${height}" ]] ||
      warnln "${PEER_NAME} is at height ${mine:-?} of ${height:-?} on ${channel} and still catching up"
    infoln "${channel}: ${PEER_NAME} at height ${mine}, as ${other}'s peer"
  done
  ensure_supervisor
  wait_for_rejoin "${key}"
  if [[ "${restored_gateway}" == true && -f "${SERVICE_DIR}/gateway-${key}.spec" ]]; then
    bash "${ROOT}/scripts/gateway.sh" restart "${key}" || warnln "gateway-${key} did not restart"
  fi
  if [[ "${dir}" == "${DATA_ROOT}/restore/"* ]]; then
    rm -rf "$(dirname "${dir}")"
    rmdir "${DATA_ROOT}/restore" 2>/dev/null || true
  fi
  successln "${PEER_NAME} restored from ${from} in $((SECONDS - started)) s. Its private data of the collections it belongs to arrives by reconciliation from the other members' peers (every reconcileSleepInterval); blocks and key history before the snapshot are not on this peer"
}
