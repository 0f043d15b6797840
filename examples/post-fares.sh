#!/usr/bin/env bash
# Posts fares to a Farewatch node from CSV lines on standard input, in batches of up to 1,000:
#
#   flightId,price,currency
#   LH400-2026-12-24,412.37,EUR
#
#   FAREWATCH_URL=http://localhost:8080 FAREWATCH_API_TOKEN=… ./examples/post-fares.sh < fares.csv
#
# A header line (one starting with "flightId") is skipped. Each batch's answer is printed as it comes:
# {"accepted":N,"rejected":[…]} lists each refused fare by its index within that batch. A batch answered
# 503 (the node is busy, or the cluster's Redis does not answer) is sent again after its Retry-After;
# any other error stops the script with the server's problem details.
set -euo pipefail

url="${FAREWATCH_URL:-http://localhost:8080}"
token="${FAREWATCH_API_TOKEN:?set FAREWATCH_API_TOKEN to the API token of the node}"
batch_size="${BATCH_SIZE:-1000}"

post() {
  local body="$1" answer status
  while true; do
    answer=$(curl -sS -w '\n%{http_code}' -X POST "$url/api/fares" \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "$body")
    status="${answer##*$'\n'}"
    answer="${answer%$'\n'*}"
    case "$status" in
      200) echo "$answer"; return 0 ;;
      503) sleep 1 ;;
      *) echo "HTTP $status: $answer" >&2; return 1 ;;
    esac
  done
}

batch=()
flush() {
  if [ ${#batch[@]} -gt 0 ]; then
    post "[$(IFS=,; echo "${batch[*]}")]"
    batch=()
  fi
}

while IFS=, read -r flight price currency; do
  flight="${flight//[[:space:]]/}"; price="${price//[[:space:]]/}"; currency="${currency//[[:space:]]/}"
  [ -z "$flight" ] || [ "$flight" = flightId ] && continue
  # The price goes in as the JSON number it is; the server refuses one that is not (INVALID_PRICE).
  batch+=("{\"flightId\":\"$flight\",\"price\":$price,\"currency\":\"$currency\"}")
  if [ ${#batch[@]} -ge "$batch_size" ]; then
    flush
  fi
done
flush
