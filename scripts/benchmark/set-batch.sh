#!/usr/bin/env bash
# set-batch.sh CHANNEL TIMEOUT MAX_MESSAGES PREFERRED_MAX_BYTES — changes a running channel's block cutting
# (BatchTimeout, BatchSize.MaxMessageCount, BatchSize.PreferredMaxBytes) by a config update the orderer
# organisation's admin signs, so the benchmark can compare settings without recreating the network.
# New networks take theirs from network/topology.json (network/README.md, "Ordering").
#   bash scripts/benchmark/set-batch.sh placements 100ms 100 2097152
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
channel="$1" timeout="$2" max_messages="$3" preferred_bytes="$4"
ensure_binaries
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

use_org "$(topo members "${channel}" | cut -d' ' -f1)"
use_orderer orderer0
peer channel fetch config "${work}/config.pb" -o "${ORDERER_ADDRESS}" -c "${channel}" --tls --cafile "${ORDERER_TLS_CA}" \
  >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "fetching the config of ${channel} failed; see ${LOG_DIR}/peer-cli.log"
configtxlator proto_decode --input "${work}/config.pb" --type common.Block |
  jq '.data.data[0].payload.data.config' >"${work}/config.json"
jq --arg timeout "${timeout}" --argjson count "${max_messages}" --argjson bytes "${preferred_bytes}" '
  .channel_group.groups.Orderer.values.BatchTimeout.value.timeout = $timeout
  | .channel_group.groups.Orderer.values.BatchSize.value.max_message_count = $count
  | .channel_group.groups.Orderer.values.BatchSize.value.preferred_max_bytes = $bytes' \
  "${work}/config.json" >"${work}/modified.json"
configtxlator proto_encode --input "${work}/config.json" --type common.Config --output "${work}/config.cfg"
configtxlator proto_encode --input "${work}/modified.json" --type common.Config --output "${work}/modified.cfg"
if cmp -s "${work}/config.cfg" "${work}/modified.cfg"; then
  successln "${channel} already has these settings"
  exit 0
fi
configtxlator compute_update --channel_id "${channel}" --original "${work}/config.cfg" --updated "${work}/modified.cfg" \
  --output "${work}/update.pb"
configtxlator proto_decode --input "${work}/update.pb" --type common.ConfigUpdate |
  jq --arg channel "${channel}" \
    '{payload: {header: {channel_header: {channel_id: $channel, type: 2}}, data: {config_update: .}}}' \
    >"${work}/envelope.json"
configtxlator proto_encode --input "${work}/envelope.json" --type common.Envelope --output "${work}/envelope.pb"
# The Orderer group's values are the orderer organisation's admins' to change.
export CORE_PEER_LOCALMSPID="${ORDERER_MSP}" CORE_PEER_MSPCONFIGPATH="${ORDERER_ADMIN_DIR}/msp"
peer channel update -f "${work}/envelope.pb" -c "${channel}" -o "${ORDERER_ADDRESS}" --tls --cafile "${ORDERER_TLS_CA}" \
  >>"${LOG_DIR}/peer-cli.log" 2>&1 || fatalln "the config update of ${channel} failed; see ${LOG_DIR}/peer-cli.log"
successln "${channel}: BatchTimeout ${timeout}, MaxMessageCount ${max_messages}, PreferredMaxBytes ${preferred_bytes}"
