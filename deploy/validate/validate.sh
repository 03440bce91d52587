#!/usr/bin/env bash
# Renders and validates the deployment files; run by `mvn verify` (module deploy-validation) and by hand:
#   deploy/validate/validate.sh
# - every overlay under deploy/k8s/overlays/ is rendered with kubectl 1.20's `kubectl kustomize` (kustomize
#   v2.0.3, the oldest that the files must keep working with), and with a newer kubectl on the PATH if there is
#   one, and each object validated by validate.mjs;
# - deploy/compose/docker-compose.yml is checked with `docker-compose config -q` (Debian's 1.29).
# Fails (exit 1) on a missing tool, a render failure or any invalid object. deploy/validate/ensure-tools.sh
# installs the tools (deploy/local/ensure-services.sh and .ci/run call it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
log() { echo "[deploy-validate] $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

# Secrets each overlay expects to exist already (created with kubectl create secret: docs/operations.md).
declare -A external_secrets=(
  [dev]=""
  [production]="herald-gateway-secret,herald-db-app-role,herald-message-service-tls,herald-gateway-grpc-tls,herald-grpc-ca"
)

is_kubectl_120() { [ -x "$1" ] && "$1" version --client 2>/dev/null | grep -q 'Minor:"20"'; }
kubectl=""
for candidate in "${HERALD_KUBECTL:-}" "$(command -v kubectl || true)" \
                 "${HERALD_TOOLS_DIR:-${HOME:-/root}/.cache/herald-tools}/kubernetes-client/usr/bin/kubectl"; do
  if [ -n "$candidate" ] && is_kubectl_120 "$candidate"; then kubectl=$candidate; break; fi
done
[ -n "$kubectl" ] || fail "no kubectl 1.20 (kustomize v2.0.3): run deploy/validate/ensure-tools.sh"
command -v docker-compose >/dev/null || fail "no docker-compose: run deploy/validate/ensure-tools.sh"
command -v node >/dev/null && command -v npm >/dev/null || fail "no node/npm on the PATH"

# The validator's packages, exactly as locked.
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2) || fail "npm ci in deploy/validate"

# Users deploy with today's kubectl: when the one on the PATH is newer, the overlays must render with it too.
renderers=("$kubectl")
newer=$(command -v kubectl || true)
if [ -n "$newer" ] && [ "$newer" != "$kubectl" ] && "$newer" version --client >/dev/null 2>&1; then renderers+=("$newer"); fi

rendered=$(mktemp -d)
trap 'rm -rf "$rendered"' EXIT
overlays=0
for dir in "$root"/deploy/k8s/overlays/*/; do
  overlay=$(basename "$dir")
  [ -v "external_secrets[$overlay]" ] || fail "overlay $overlay: add it to external_secrets in $0"
  for renderer in "${renderers[@]}"; do
    version=$("$renderer" version --client 2>/dev/null | grep -oE 'v1\.[0-9]+\.[0-9]+' | head -1 || true)
    out="$rendered/$overlay-$version.yaml"
    "$renderer" kustomize "$dir" >"$out" 2>"$rendered/err" \
      || fail "overlay $overlay does not render with kubectl $version: $(cat "$rendered/err")"
    args=(--overlay "$overlay (kubectl $version)" --file "$out" --external-secrets "${external_secrets[$overlay]}")
    [ "$overlay" = production ] && args+=(--production)
    node "$here/validate.mjs" "${args[@]}" || fail "overlay $overlay has invalid objects (above)"
  done
  overlays=$((overlays + 1))
done
[ "$overlays" -gt 0 ] || fail "no overlays under deploy/k8s/overlays"

docker-compose -f "$root/deploy/compose/docker-compose.yml" config -q \
  || fail "deploy/compose/docker-compose.yml (docker-compose config)"
echo "compose: deploy/compose/docker-compose.yml valid ($(docker-compose -f "$root/deploy/compose/docker-compose.yml" config --services | wc -l) services, docker-compose $(docker-compose version --short))"
log "$overlays overlays and the compose file are valid"
