#!/usr/bin/env bash
# Walks a dispute through each rule of RULES.md against a running local runtime (./local-run), printing each
# dispute's timeline. Every step checks the status it expects, so the script doubles as a smoke test: it exits
# non-zero with a message naming the step that went wrong.
#
#   ./local-run &                                   # in another terminal, wait for "ready in"
#   local-runtime/demo.sh [BASE_URL]                # default $BASE or http://127.0.0.1:8080
#
# Needs curl and python3. Each run uses fresh order ids, so it can be run again on the same data folder.
# It moves the shared clock forward (POST /_local/clock/advance) by about 32 days in all.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: local-runtime/demo.sh [BASE_URL]

Walks through the after-sales rules against a running local runtime (start it with ./local-run) and prints
each dispute's timeline:
  1. seller silence      -> automatic refund after 5 days (Rule 2)
  2. agreement           -> the seller accepts the buyer's proposal (Rule 3)
  3. counter-proposal    -> the seller rejects with a counter-proposal, the buyer accepts it (Rule 3)
  4. arbitration         -> rejection, buyer escalates, the queue poller opens the case, after the 3-day
                            evidence period the arbitrator rules with a violation and a penalty (Rules 3, 4)
  5. day 16              -> no agreement 15 days after filing: automatic escalation (Rule 3)
  6. goods in transit    -> automatic escalation when the delivery time limit expires (Rule 3)

BASE_URL defaults to $BASE, else http://127.0.0.1:8080. Exits 0 when every step gave the expected
result, 1 otherwise (with the step and the last response), 2 on bad usage. The demo moves the runtime's
shared clock forward (about 32 days in all); each run uses its own order ids, so it can be repeated.
Needs curl and python3.
EOF
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  -*) usage >&2; exit 2 ;;
esac
[ $# -le 1 ] || { usage >&2; exit 2; }
BASE="${1:-${BASE:-http://127.0.0.1:8080}}"
BASE="${BASE%/}"
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "demo: $tool is required" >&2; exit 1; }
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
RESP="$TMP/response.json"
STATUS=""
RUN="$(date +%s)$((RANDOM % 100))"
BUYER="demo-buyer-$RUN"
SELLER="demo-seller-$RUN"
ARBITRATOR="demo-arbitrator"
PLATFORM="demo-platform"

# ---------- JSON, with python3 ----------
cat >"$TMP/demo_json.py" <<'PY'
import json, sys

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def get(doc, path):
    for part in path.split(".") if path else []:
        if isinstance(doc, list) and "=" in part:  # history.action=ESCALATED: the first such element
            field, value = part.split("=", 1)
            doc = next((i for i in doc if isinstance(i, dict) and text(i.get(field)) == value), None)
        elif isinstance(doc, list):
            doc = doc[int(part)] if -len(doc) <= int(part) < len(doc) else None
        elif isinstance(doc, dict):
            doc = doc.get(part)
        else:
            doc = None
    return doc

def text(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, separators=(",", ":"))
    return str(v)

def money(m):
    return "%s %s" % (m["amount"], m["currency"]) if isinstance(m, dict) else "-"

def details(d):
    cur = d.get("currency")
    out = []
    for k, v in d.items():
        if k == "currency":
            continue
        out.append("%s=%s %s" % (k, v, cur) if cur and v.isdigit() else "%s=%s" % (k, v))
    return "  ".join(out)

def short(instant):
    return instant[:19].replace("T", " ") + "Z" if instant else "-"

def timeline(v):
    print("    timeline of %s (order %s, buyer %s, seller %s)" % (v["disputeId"], v["orderId"], v["buyerId"], v["sellerId"]))
    for h in v["history"]:
        print("      %s  %-10s %-24s %-26s %s" % (short(h["at"]), h["role"], h["actorId"], h["action"], details(h["details"])))
    print("    status      %s%s" % (v["status"], "  (whose turn: %s)" % v["whoseTurn"] if v.get("whoseTurn") else ""))
    for d in v.get("deadlines", []):
        print("    deadline    %s at %s" % (d["kind"], short(d["at"])))
    r = v.get("resolution")
    if r:
        line = "%s, refund %s, against seller: %s, at %s" % (r["basis"], money(r["refund"]),
                                                             text(r["againstSeller"]), short(r["at"]))
        print("    resolution  " + line)
        ruling = r.get("ruling")
        if ruling:
            print("    ruling      by %s: %s%s" % (ruling["arbitratorId"], ruling["statement"],
                                                   "  (violation: %s)" % ruling["violation"] if ruling.get("violation") else ""))
    else:
        print("    resolution  none yet")

cmd, path = sys.argv[1], sys.argv[2]
try:
    doc = load(path)
except (OSError, ValueError):
    doc = None
if cmd == "get":
    print(text(get(doc, sys.argv[3])))
elif cmd == "has":  # has FILE listPath field value: is there an element with field == value?
    items = get(doc, sys.argv[3]) or []
    sys.exit(0 if any(isinstance(i, dict) and text(i.get(sys.argv[4])) == sys.argv[5] for i in items) else 1)
elif cmd == "timeline":
    timeline(doc)
elif cmd == "summary":
    r = doc.get("resolution")
    print("%-18s %-34s %-16s %s" % (sys.argv[3], doc["disputeId"], doc["status"],
          "%s, refund %s" % (r["basis"], money(r["refund"])) if r else "open, escalated: " + doc["automaticEscalation"]["basis"]
          if doc["status"] in ("ESCALATED", "IN_ARBITRATION") else "open"))
PY
jget() { python3 "$TMP/demo_json.py" get "$RESP" "$1"; }

# ---------- HTTP ----------
fail() {
  echo >&2
  echo "DEMO FAILED: $*" >&2
  if [ -s "$RESP" ]; then
    echo "last response (HTTP $STATUS):" >&2
    head -c 2000 "$RESP" >&2
    echo >&2
  fi
  exit 1
}

# call METHOD PATH ROLE|- [BODY]: the response lands in $RESP, the status in $STATUS
call() {
  local method="$1" path="$2" role="$3" body="${4:-}"
  local args=(-s -S -o "$RESP" -w '%{http_code}' -X "$method" -H 'content-type: application/json' --max-time 30)
  [ "$role" = "-" ] || args+=(-H "authorization: Bearer ${TOKENS[$role]}")
  [ -z "$body" ] || args+=(--data "$body")
  : >"$RESP"
  STATUS="$(curl "${args[@]}" "$BASE$path" 2>"$TMP/curl.err")" \
    || fail "cannot reach $BASE$path ($(cat "$TMP/curl.err")). Is the local runtime running (./local-run)?"
}

# expect STATUS... -- what: the last call must have answered one of the statuses
expect() {
  local want=() what
  while [ "$1" != "--" ]; do want+=("$1"); shift; done
  shift
  what="$*"
  for w in "${want[@]}"; do
    if [ "$STATUS" = "$w" ]; then
      printf '  ok  %-72s HTTP %s\n' "$what" "$STATUS"
      return 0
    fi
  done
  fail "$what: expected HTTP ${want[*]}, got $STATUS"
}

# expect_field PATH VALUE what: a field of the last response
expect_field() {
  local got
  got="$(jget "$1")"
  [ "$got" = "$2" ] || fail "$3: expected $1 = $2, got $got"
}

declare -A TOKENS
token() { # token KEY ROLE SUB
  call POST /_local/token - "{\"role\":\"$2\",\"sub\":\"$3\"}"
  [ "$STATUS" = 200 ] || fail "POST /_local/token for $2 $3: HTTP $STATUS"
  TOKENS[$1]="$(jget token)"
}

now() {
  call GET /_local/clock -
  [ "$STATUS" = 200 ] || fail "GET /_local/clock: HTTP $STATUS"
  jget now
}

advance() { # advance DURATION why
  call POST /_local/clock/advance - "{\"by\":\"$1\"}"
  expect 200 -- "time travel: $1 pass ($2)"
  echo "      clock now $(jget now)"
}

view() { # view DISPUTE_ID [ROLE]
  call GET "/disputes/$1" "${2:-buyer}"
  [ "$STATUS" = 200 ] || fail "GET /disputes/$1: HTTP $STATUS"
}

expect_dispute() { # expect_dispute DISPUTE_ID STATUS what
  view "$1"
  expect_field status "$2" "$3"
  printf '  ok  %-72s %s\n' "$3" "$2"
}

# wait_status DISPUTE_ID STATUS what: polls (the arbitration queue poller works in the background)
wait_status() {
  local i
  for i in $(seq 1 60); do
    view "$1"
    if [ "$(jget status)" = "$2" ]; then
      printf '  ok  %-72s %s (%d polls)\n' "$3" "$2" "$i"
      return 0
    fi
    sleep 0.5
  done
  fail "$3: expected status $2 within 30 s, still $(jget status)"
}

timeline() { # timeline DISPUTE_ID
  view "$1"
  echo
  python3 "$TMP/demo_json.py" timeline "$RESP"
  echo
}

money() { echo "{\"amount\":$1,\"currency\":\"EUR\"}"; }

# new_order NAME DELIVERY_DAYS: registers an order paid 50.00 EUR and ships all goods now; sets ORDER
new_order() {
  ORDER="demo-$RUN-$1"
  call POST /orders platform "{\"orderId\":\"$ORDER\",\"buyerId\":\"$BUYER\",\"sellerId\":\"$SELLER\",\"amountPaid\":$(money 5000),\"deliveryTimeLimitDays\":$2}"
  expect 201 -- "platform registers order $ORDER (delivery limit $2 days)"
  local shipped
  shipped="$(now)"
  call POST "/orders/$ORDER/shipments" seller "{\"carrier\":\"DHL\",\"trackingNumber\":\"TRK-$RUN-$1\",\"shippedAt\":\"$shipped\",\"allGoodsShipped\":true}"
  expect 200 201 -- "seller ships all goods"
  [ "$(jget fullyShippedAt)" != null ] || fail "shipment: fullyShippedAt missing"
}

# apply REASON AMOUNT: the buyer applies on $ORDER; sets DISPUTE
apply() {
  call POST "/orders/$ORDER/disputes" buyer "{\"reason\":\"$1\",\"amount\":$(money "$2"),\"description\":\"demo: $1\"}"
  expect 201 -- "buyer applies for a refund of $2 ($1)"
  expect_field status AWAITING_SELLER_RESPONSE "application"
  DISPUTE="$(jget disputeId)"
}

expect_resolution() { # expect_resolution BASIS REFUND what
  view "$DISPUTE"
  expect_field status RESOLVED "$3"
  expect_field resolution.basis "$1" "$3"
  expect_field resolution.refund.amount "$2" "$3"
  printf '  ok  %-72s %s, refund %s\n' "$3" "$1" "$2"
}

expect_refund_instruction() { # expect_refund_instruction AMOUNT
  call GET "/refund-instructions/$DISPUTE.refund" platform
  expect 200 -- "the payment system's feed has refund instruction $DISPUTE.refund"
  expect_field refund.amount "$1" "refund instruction amount"
}

heading() {
  echo
  echo "=== $* ==="
}

SUMMARY=()
summarize() { # summarize NAME: the dispute's final state, for the summary at the end
  view "$DISPUTE"
  SUMMARY+=("$(python3 "$TMP/demo_json.py" summary "$RESP" "$1")")
}

# ---------- start ----------
echo "After-sales demo against $BASE (run $RUN)"
call GET /_local/health -
[ "$STATUS" = 200 ] || fail "GET /_local/health: HTTP $STATUS (is this the local runtime?)"
token platform platform "$PLATFORM"
token buyer buyer "$BUYER"
token seller seller "$SELLER"
token arbitrator arbitrator "$ARBITRATOR"
call GET /disputes -
expect 401 -- "no token: the gateway's JWT authorizer answers 401"
echo "  clock: $(now)"

heading "1. Seller silence: automatic refund after 5 days (Rule 2)"
new_order silence 3
apply DAMAGED 2000
DEADLINE_AT="$(jget deadlines.kind=SELLER_RESPONSE.at)"
advance P5D "the seller never answers"
expect_resolution SELLER_RESPONSE_TIMEOUT 2000 "the seller's 5 days ran out: the buyer's proposal is refunded"
expect_field resolution.at "$DEADLINE_AT" "the timeout acts at its deadline instant"
expect_refund_instruction 2000
timeline "$DISPUTE"
summarize "seller silence"

heading "2. Agreement: the seller accepts (Rule 3)"
new_order agreement 3
apply NOT_AS_DESCRIBED 1500
call POST "/disputes/$DISPUTE/acceptance" seller
expect 200 -- "seller accepts the buyer's proposal"
expect_resolution SELLER_ACCEPTED 1500 "agreement"
expect_refund_instruction 1500
timeline "$DISPUTE"
summarize "agreement"

heading "3. Counter-proposal accepted (Rule 3)"
new_order counter 3
apply QUALITY_ISSUE 3000
call POST "/disputes/$DISPUTE/rejection" seller "{\"reason\":\"only a scratch\",\"counterProposal\":$(money 1200)}"
expect 200 -- "seller rejects, offering 1200 instead"
expect_field status AWAITING_BUYER "rejection"
call POST "/disputes/$DISPUTE/counter-proposal-acceptance" buyer
expect 200 -- "buyer accepts the counter-proposal"
expect_resolution COUNTER_PROPOSAL_ACCEPTED 1200 "agreement on the seller's proposal"
timeline "$DISPUTE"
summarize "counter-proposal"

heading "4. Rejection, escalation, arbitration ruling with a penalty (Rules 3 and 4)"
new_order arbitration 3
apply WRONG_ITEM 4000
call POST "/disputes/$DISPUTE/rejection" seller '{"reason":"the item matches the listing"}'
expect 200 -- "seller rejects without a counter-proposal"
call POST "/disputes/$DISPUTE/escalation" buyer
expect 200 -- "buyer escalates to arbitration at once"
wait_status "$DISPUTE" IN_ARBITRATION "the arbitration queue poller opens the case"
call POST "/disputes/$DISPUTE/evidence" buyer '{"description":"photo of the wrong item","attachments":["s3://demo/wrong-item.jpg"]}'
expect 200 -- "buyer adds evidence"
RULING="{\"refund\":$(money 4000),\"violation\":\"shipped a different item than listed\",\"statement\":\"full refund\"}"
call POST "/arbitration/cases/$DISPUTE/ruling" arbitrator "$RULING"
expect 409 -- "a ruling during the 3-day evidence period is refused"
expect_field code EVIDENCE_PERIOD_RUNNING "early ruling"
advance P3D "the evidence period ends"
call POST "/arbitration/cases/$DISPUTE/ruling" arbitrator "$RULING"
expect 200 -- "arbitrator rules: full refund, seller violated the rules"
expect_resolution ARBITRATION 4000 "ruled"
expect_field resolution.againstSeller true "ruling with a violation"
call POST "/arbitration/cases/$DISPUTE/ruling" arbitrator "$RULING"
expect 409 -- "a second ruling is refused"
expect_field code ALREADY_RULED "second ruling"
call GET "/sellers/$SELLER/penalties" platform
expect 200 -- "seller's penalties"
python3 "$TMP/demo_json.py" has "$RESP" items penaltyId "$DISPUTE.penalty" \
  || fail "penalty $DISPUTE.penalty not recorded against $SELLER"
printf '  ok  %-72s %s\n' "penalty recorded against $SELLER" "$DISPUTE.penalty"
expect_refund_instruction 4000
timeline "$DISPUTE"
summarize "arbitration"

heading "5. No agreement by day 16: automatic escalation (Rule 3)"
new_order day16 3
apply MISSING_PARTS 2500
call POST "/disputes/$DISPUTE/rejection" seller "{\"reason\":\"all parts were packed\",\"counterProposal\":$(money 500)}"
expect 200 -- "seller rejects with a counter-proposal; the buyer does not answer"
expect_field automaticEscalation.basis NEGOTIATION_PERIOD_ENDED "escalation clock"
ESCALATES_AT="$(jget automaticEscalation.at)"
advance P15D "15 days after the first filing"
wait_status "$DISPUTE" IN_ARBITRATION "escalated on the 16th day, case opened"
view "$DISPUTE"
expect_field history.action=ESCALATED.details.basis NEGOTIATION_PERIOD_ENDED "escalation basis"
expect_field history.action=ESCALATED.at "$ESCALATES_AT" "escalated at first filing + 15 days, to the instant"
timeline "$DISPUTE"
summarize "day 16"

heading "6. Goods in transit: escalation when the delivery time limit expires (Rule 3)"
new_order transit 3
apply GOODS_IN_TRANSIT 5000
expect_field automaticEscalation.basis DELIVERY_TIME_LIMIT_EXPIRED "goods-in-transit escalation clock"
ESCALATES_AT="$(jget automaticEscalation.at)"
advance P3D "the 3-day delivery limit expires; the seller has not answered"
wait_status "$DISPUTE" IN_ARBITRATION "escalated at the delivery limit, case opened"
expect_field history.action=ESCALATED.details.basis DELIVERY_TIME_LIMIT_EXPIRED "escalation basis"
expect_field history.action=ESCALATED.at "$ESCALATES_AT" "escalated at all-goods-shipped + delivery limit, to the instant"
timeline "$DISPUTE"
summarize "goods in transit"

echo "=== Summary (run $RUN) ==="
printf '%s\n' "${SUMMARY[@]}"
echo
echo "DEMO PASSED: every step gave the expected result."
