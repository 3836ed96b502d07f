#!/usr/bin/env bash
# Resident memory of everything the network scripts started (whole process groups: chaincode included).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
total=0
printf '%-40s %10s\n' PROCESS-GROUP RSS-MiB
for f in "${PID_DIR}"/*.pid; do
  [[ -e "${f}" ]] || continue
  pgid="$(cat "${f}")"
  kb="$(ps -o rss= -g "${pgid}" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')"
  total=$((total + kb))
  printf '%-40s %10.1f\n' "$(basename "${f}" .pid)" "$(awk -v k="${kb}" 'BEGIN { print k / 1024 }')"
done
printf '%-40s %10.1f\n' TOTAL "$(awk -v k="${total}" 'BEGIN { print k / 1024 }')"
