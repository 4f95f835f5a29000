#!/usr/bin/env bash
# ES256 sign/verify on the JDK (SunEC) and on the native provider the gateway installs, interleaved
# in one run. Usage: bench/signatures.sh
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java-bench.sh" org.consentgateway.crypto.SignatureBench "$@"
