#!/usr/bin/env bash
# A bank's first query with nothing but curl and openssl (and coreutils): discovery, a client
# assertion signed with openssl, a token, a consent request, the citizen's approval (demo only),
# the query, and checks of what came back: the consent token and receipt signatures, the answer's
# Content-Digest and RFC 9421 signature. Exits non-zero on the first thing that fails.
#
# Against `./gateway demo` (run from the repository root):
#   CITIZEN=<an ID number the demo prints> docs/examples/curl/first-query.sh
#
# Settings (environment):
#   GATEWAY_URL  the gateway's base URL (default http://localhost:8080)
#   CLIENT_ID    the bank's USCC (default the demo bank, 91350100M000100Y43)
#   KEY          the bank's private key, PEM (default keys-example/institution.key.pem)
#   CITIZEN      the citizen's resident ID number (required)
#   PURPOSE, GRADE   what to ask for (default LOAN_APPROVAL, SUMMARY)
#   GATEWAY_CMD  the gateway command, used only to play the citizen (default ./gateway)
#   CITIZEN_TOKEN    a citizen token to approve with, instead of `gateway dev citizen-token`
set -Eeuo pipefail
trap 'echo "first-query: FAILED at line $LINENO" >&2' ERR

GATEWAY_URL=${GATEWAY_URL:-http://localhost:8080}
CLIENT_ID=${CLIENT_ID:-91350100M000100Y43}
KEY=${KEY:-keys-example/institution.key.pem}
CITIZEN=${CITIZEN:?set CITIZEN to a resident ID number (gateway demo prints some)}
PURPOSE=${PURPOSE:-LOAN_APPROVAL}
GRADE=${GRADE:-SUMMARY}
GATEWAY_CMD=${GATEWAY_CMD:-./gateway}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "first-query: FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }

# --- small helpers: base64url, hex, flat JSON members ---------------------------------------
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
unb64url() { local s; s=$(tr '_-' '/+'); while (( ${#s} % 4 )); do s+='='; done; printf '%s' "$s" | openssl base64 -d -A; }
tohex() { od -An -tx1 -v | tr -d ' \n'; }
fromhex() { local hex; hex=$(cat); printf "$(printf '%s' "$hex" | sed 's/../\\x&/g')"; }
# The first string (number) member NAME of a JSON text on stdin, empty when there is none
# (the gateway's answers are compact JSON, and these members hold no escaped quotes).
json_string() { { grep -o "\"$1\" *: *\"[^\"]*\"" || true; } | head -n 1 | sed 's/^.*: *"\(.*\)"$/\1/'; }
json_number() { { grep -o "\"$1\" *: *[0-9]*" || true; } | head -n 1 | sed 's/^.*: *//'; }

# ES256 signatures: openssl speaks DER (SEQUENCE of two INTEGERs), JOSE and RFC 9421 raw r || s (32 + 32 bytes).
der_to_raw() {
  openssl asn1parse -inform DER -in "$1" | sed -n 's/.*INTEGER *://p' | while read -r hex; do
    hex=$(printf '%064s' "$hex" | tr ' ' 0)
    printf '%s' "${hex: -64}"
  done | fromhex
}
der_integer() { # a 32-byte unsigned value (hex) as a DER INTEGER (hex)
  local v=$1
  while [[ ${#v} -gt 2 && ${v:0:2} == 00 ]]; do v=${v:2}; done
  [[ ${v:0:1} =~ [89a-f] ]] && v=00$v
  printf '02%02x%s' $(( ${#v} / 2 )) "$v"
}
raw_to_der() { # stdin: 64 raw bytes; stdout: DER
  local hex r s
  hex=$(tohex)
  [[ ${#hex} -eq 128 ]] || fail "an ES256 signature is not 64 bytes"
  r=$(der_integer "${hex:0:64}"); s=$(der_integer "${hex:64:64}")
  printf '30%02x%s%s' $(( (${#r} + ${#s}) / 2 )) "$r" "$s" | fromhex
}

# The gateway's public key KID from its JWKS, as a PEM file (EC P-256: x and y into a SubjectPublicKeyInfo).
gateway_key() {
  local jwk x y
  jwk=$(tr '{' '\n' < "$work/jwks.json" | grep "\"kid\" *: *\"$1\"") || fail "key $1 is not in the gateway's JWKS"
  x=$(printf '%s' "$jwk" | json_string x | unb64url | tohex)
  y=$(printf '%s' "$jwk" | json_string y | unb64url | tohex)
  printf '3059301306072a8648ce3d020106082a8648ce3d03010703420004%s%s' "$x" "$y" | fromhex > "$work/key-$1.der"
  openssl pkey -pubin -inform DER -in "$work/key-$1.der" -out "$work/key-$1.pem"
  echo "$work/key-$1.pem"
}

# Checks a compact JWS the gateway signed (ES256, kid in the JWKS) and of the expected typ.
verify_jws() { # NAME JWS TYP
  local header kid typ pem
  IFS=. read -r h p s <<< "$2"
  header=$(printf '%s' "$h" | unb64url)
  kid=$(printf '%s' "$header" | json_string kid)
  typ=$(printf '%s' "$header" | json_string typ)
  [[ $(printf '%s' "$header" | json_string alg) == ES256 ]] || fail "$1: alg is not ES256"
  [[ $typ == "$3" ]] || fail "$1: typ is $typ, not $3"
  pem=$(gateway_key "$kid")
  printf '%s' "$s" | unb64url | raw_to_der > "$work/jws.der"
  printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -verify "$pem" -signature "$work/jws.der" > /dev/null \
    || fail "$1: the signature does not verify with the gateway's key $kid"
  echo "   $1 signed by the gateway's key $kid"
  printf '%s' "$p" | unb64url > "$work/claims.json"
}

# An HTTP call: BODY_FILE STATUS_EXPECTED URL curl-arguments...; the body is left in BODY_FILE.
# Failures name the URL only: the other arguments hold tokens, which stay out of the output.
call() {
  local out=$1 expected=$2 url=$3 status
  shift 3
  status=$(curl -sS -o "$out" -w '%{http_code}' "$url" "$@") || fail "could not reach $url"
  [[ $status == "$expected" ]] || fail "$url answered $status, not $expected: $(cat "$out")"
}

# --- 1. discovery ------------------------------------------------------------------------------
step "1. discovery: $GATEWAY_URL/.well-known/oauth-authorization-server"
call "$work/metadata.json" 200 "$GATEWAY_URL/.well-known/oauth-authorization-server"
issuer=$(json_string issuer < "$work/metadata.json")
token_endpoint=$(json_string token_endpoint < "$work/metadata.json")
requests_endpoint=$(json_string consent_gateway_consent_requests_endpoint < "$work/metadata.json")
queries_endpoint=$(json_string consent_gateway_queries_endpoint < "$work/metadata.json")
jwks_uri=$(json_string jwks_uri < "$work/metadata.json")
[[ -n $issuer && -n $token_endpoint && -n $requests_endpoint && -n $queries_endpoint && -n $jwks_uri ]] \
  || fail "the metadata lacks a member this example needs"
call "$work/jwks.json" 200 "$jwks_uri"
echo "   issuer $issuer"

# --- 2. a client assertion (RFC 7523), signed with openssl ------------------------------------
step "2. client assertion for $CLIENT_ID, signed with $KEY"
now=$(date +%s)
header=$(printf '{"alg":"ES256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"%s","sub":"%s","aud":"%s","iat":%d,"exp":%d,"jti":"%s"}' \
  "$CLIENT_ID" "$CLIENT_ID" "$issuer" "$now" $((now + 120)) "$(openssl rand -hex 16)" | b64url)
printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$KEY" > "$work/assertion.der"
assertion="$header.$claims.$(der_to_raw "$work/assertion.der" | b64url)"

# --- 3. the access token -----------------------------------------------------------------------
step "3. token: $token_endpoint"
call "$work/token.json" 200 "$token_endpoint" -d grant_type=client_credentials \
  -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer -d "client_assertion=$assertion"
token=$(json_string access_token < "$work/token.json")
[[ -n $token ]] || fail "no access_token in the token answer"

# --- 4. the consent request --------------------------------------------------------------------
step "4. consent request: $PURPOSE, $GRADE"
call "$work/request.json" 201 "$requests_endpoint" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"subjectIdNumber\":\"$CITIZEN\",\"purpose\":\"$PURPOSE\",\"grade\":\"$GRADE\",\"validDays\":30,\"maxUses\":3}"
request_id=$(json_string id < "$work/request.json")
[[ $(json_string status < "$work/request.json") == PENDING ]] || fail "the new request is not PENDING"
echo "   request $request_id is PENDING"

# --- 5. the citizen approves (demo only: here the script plays the citizen) --------------------
step "5. the citizen approves (demo identity provider)"
citizen_token=${CITIZEN_TOKEN:-$($GATEWAY_CMD dev citizen-token --id-number "$CITIZEN" --minutes 5)}
call "$work/approved.json" 201 "$GATEWAY_URL/v1/me/consent-requests/$request_id/approve" \
  -H "Authorization: Bearer $citizen_token" -H 'Content-Type: application/json' -d '{}'
receipt=$(json_string receipt < "$work/approved.json")
verify_jws "the receipt" "$receipt" consent-receipt+jwt
[[ $(json_string action < "$work/claims.json") == approved ]] || fail "the receipt does not say approved"

# --- 6. the bank reads the decision and checks its consent token -------------------------------
step "6. the bank reads the request"
call "$work/decided.json" 200 "$requests_endpoint/$request_id" -H "Authorization: Bearer $token"
[[ $(json_string status < "$work/decided.json") == APPROVED ]] || fail "the request is not APPROVED"
consent_token=$(json_string consentToken < "$work/decided.json")
verify_jws "the consent token" "$consent_token" consent+jwt
[[ $(json_string aud < "$work/claims.json") == "$CLIENT_ID" ]] || fail "the consent token is not for $CLIENT_ID"
[[ $(json_string purpose < "$work/claims.json") == "$PURPOSE" ]] || fail "the consent token is not for $PURPOSE"

# --- 7. the query ------------------------------------------------------------------------------
step "7. query: $queries_endpoint"
status=$(curl -sS -D "$work/answer.headers" -o "$work/answer.json" -w '%{http_code}' "$queries_endpoint" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"consentToken\":\"$consent_token\",\"purpose\":\"$PURPOSE\",\"grade\":\"$GRADE\"}")
[[ $status == 200 ]] || fail "the query answered $status: $(cat "$work/answer.json")"
audit_index=$(json_number auditIndex < "$work/answer.json")
echo "   answered; its audit entry is $audit_index"

# --- 8. the signed answer: Content-Digest (RFC 9530) and signature (RFC 9421) -------------------
step "8. verifying the signed answer"
answer_header() { grep -i "^$1:" "$work/answer.headers" | head -n 1 | sed 's/^[^:]*: *//' | tr -d '\r'; }
digest="sha-256=:$(openssl dgst -sha256 -binary "$work/answer.json" | openssl base64 -A):"
[[ $(answer_header content-digest) == "$digest" ]] || fail "Content-Digest is not the SHA-256 of the body received"
echo "   Content-Digest matches the body"
input=$(answer_header signature-input)
params=${input#sig1=}
[[ $params == '("@status" "content-digest" "content-type" "@method";req "@path";req);'* ]] \
  || fail "the signature does not cover status, digest, type, method and path"
kid=$(printf '%s' "$params" | sed -n 's/.*;keyid="\([^"]*\)".*/\1/p')
path=/${queries_endpoint#*://*/}
printf '"@status": 200\n"content-digest": %s\n"content-type": %s\n"@method";req: POST\n"@path";req: %s\n"@signature-params": %s' \
  "$digest" "$(answer_header content-type)" "$path" "$params" > "$work/base.txt"
answer_header signature | sed 's/^sig1=:\(.*\):$/\1/' | openssl base64 -d -A | raw_to_der > "$work/answer.sig"
openssl dgst -sha256 -verify "$(gateway_key "$kid")" -signature "$work/answer.sig" "$work/base.txt" > /dev/null \
  || fail "the answer's signature does not verify"
echo "   the signature verifies with the gateway's key $kid"
base_hash=$(openssl dgst -sha256 -binary "$work/base.txt" | openssl base64 -A)
echo "   signatureBaseHash of entry $audit_index must be $base_hash"

# --- 9. the query's audit entry is in the signed log: C2SP checkpoint, RFC 9162 inclusion proof ---
proofs_endpoint=$(json_string consent_gateway_query_proofs_endpoint < "$work/metadata.json")
if [[ -z $proofs_endpoint ]]; then
  echo "== 9. skipped: this gateway's metadata names no consent_gateway_query_proofs_endpoint"
else
  step "9. proving entry $audit_index is in the signed log"
  # Pin the log's verifier key (VERIFIER_KEY, from the regulator); fetching it from the gateway is for trying out only.
  verifier_key=${VERIFIER_KEY:-$(curl -fsS "$(json_string consent_gateway_audit_verifier_key_endpoint < "$work/metadata.json")")}
  for attempt in 1 2 3 4 5 6 7 8 9 10; do # 409 until a checkpoint covers the new entry (about a second)
    status=$(curl -sS -o "$work/proof.json" -w '%{http_code}' "$proofs_endpoint?index=$audit_index" -H "Authorization: Bearer $token")
    [[ $status == 409 ]] || break
    sleep 1
  done
  [[ $status == 200 ]] || fail "$proofs_endpoint answered $status: $(cat "$work/proof.json")"

  # The checkpoint: a signed note (text, empty line, signature lines "— <name> base64(key id || Ed25519 signature)").
  key_name=${verifier_key%%+*}; rest=${verifier_key#*+}; key_id=${rest%%+*}; key_b64=${rest#*+}
  printf '%b' "$(json_string checkpoint < "$work/proof.json")" > "$work/checkpoint.txt"
  note=$(cat "$work/checkpoint.txt")
  printf '%s\n' "${note%%$'\n\n'*}" > "$work/checkpoint-text.txt" # the signed text: up to the empty line
  signature=$(grep "^— $key_name " "$work/checkpoint.txt" | head -n 1 | sed 's/^— [^ ]* //') || fail "the checkpoint is not signed by $key_name"
  printf '%s' "$signature" | openssl base64 -d -A > "$work/checkpoint.sig.full"
  [[ $(head -c 4 "$work/checkpoint.sig.full" | tohex) == "$key_id" ]] || fail "the checkpoint's signature is not by key $key_id"
  tail -c 64 "$work/checkpoint.sig.full" > "$work/checkpoint.sig"
  printf '302a300506032b6570032100%s' "$(printf '%s' "$key_b64" | openssl base64 -d -A | tail -c 32 | tohex)" | fromhex > "$work/log-key.der"
  openssl pkey -pubin -inform DER -in "$work/log-key.der" -out "$work/log-key.pem"
  openssl pkeyutl -verify -pubin -inkey "$work/log-key.pem" -rawin -in "$work/checkpoint-text.txt" -sigfile "$work/checkpoint.sig" \
    > /dev/null || fail "the checkpoint's signature does not verify with $key_name+$key_id"
  size=$(sed -n 2p "$work/checkpoint-text.txt")
  root=$(sed -n 3p "$work/checkpoint-text.txt" | openssl base64 -d -A | tohex)
  [[ $(json_number size < "$work/proof.json") == "$size" && $(json_number index < "$work/proof.json") == "$audit_index" ]] \
    || fail "the proof is for another entry or tree size than its checkpoint"
  echo "   checkpoint of size $size signed by $key_name+$key_id"

  # RFC 9162 §2.1.3.2: from the leaf SHA-256(0x00 || entry) up to the checkpoint's root.
  json_string leafInput < "$work/proof.json" | openssl base64 -d -A > "$work/entry.json"
  node_hash() { printf '01%s%s' "$1" "$2" | fromhex | openssl dgst -sha256 -binary | tohex; }
  r=$( { printf '\x00'; cat "$work/entry.json"; } | openssl dgst -sha256 -binary | tohex)
  fn=$audit_index; sn=$((size - 1))
  (( fn <= sn )) || fail "the entry is outside the checkpoint's tree"
  for p in $(grep -o '"hashes" *: *\[[^]]*\]' "$work/proof.json" | sed 's/^[^[]*\[//; s/\]$//' | tr ',' '\n' | tr -d '" '); do
    (( sn > 0 )) || fail "the inclusion proof is longer than the tree is deep"
    p=$(printf '%s' "$p" | openssl base64 -d -A | tohex)
    if (( (fn & 1) == 1 || fn == sn )); then
      r=$(node_hash "$p" "$r")
      while (( (fn & 1) == 0 && fn != 0 )); do fn=$((fn >> 1)); sn=$((sn >> 1)); done
    else
      r=$(node_hash "$r" "$p")
    fi
    fn=$((fn >> 1)); sn=$((sn >> 1))
  done
  (( sn == 0 )) && [[ $r == "$root" ]] || fail "the inclusion proof does not lead from the entry to the checkpoint's root"
  echo "   the inclusion proof leads from the entry to the checkpoint's root"

  # The entry is this query's: allowed, by this bank, binding this very answer's signature.
  grep -q "\"index\":$audit_index[,}]" "$work/entry.json" || fail "the entry is not at index $audit_index"
  grep -q '"action":"query.allowed"' "$work/entry.json" || fail "the entry is not an allowed query"
  grep -q "\"actor\":\"institution:$CLIENT_ID\"" "$work/entry.json" || fail "the entry is not $CLIENT_ID's"
  grep -qF "\"signatureBaseHash\":\"$base_hash\"" "$work/entry.json" || fail "the entry does not bind this answer"
  echo "   the entry is this query's and binds this answer"
fi

echo "OK: first query done and verified"
