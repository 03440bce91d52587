#!/usr/bin/env bash
# Installs what deploy/validate/validate.sh needs, from Debian's packages, when missing:
#   docker-compose 1.29 (package docker-compose, without the Docker engine it recommends), and
#   kubectl 1.20 (package kubernetes-client), whose `kubectl kustomize` is kustomize v2.0.3.
# A machine may already have another kubectl at /usr/bin/kubectl (a newer one, from another package that
# owns that path): then kubernetes-client is unpacked into $HERALD_TOOLS_DIR (default ~/.cache/herald-tools)
# instead of installed, and validate.sh finds it there. Prints the kubectl it settled on.
set -euo pipefail

log() { echo "[ensure-tools] $*" >&2; }
tools_dir=${HERALD_TOOLS_DIR:-${HOME:-/root}/.cache/herald-tools}
unpacked_kubectl="$tools_dir/kubernetes-client/usr/bin/kubectl"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}
apt_updated=""
apt_update() {
  [ -n "$apt_updated" ] && return 0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  apt_updated=yes
}
# kubectl 1.20's client version line: `Client Version: version.Info{Major:"1", Minor:"20", ...}`.
is_kubectl_120() { [ -x "$1" ] && "$1" version --client 2>/dev/null | grep -q 'Minor:"20"'; }

if ! command -v docker-compose >/dev/null; then
  log "installing docker-compose"
  apt_update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >&2
fi

kubectl_path=""
if [ -n "${HERALD_KUBECTL:-}" ] && is_kubectl_120 "$HERALD_KUBECTL"; then kubectl_path=$HERALD_KUBECTL
elif command -v kubectl >/dev/null && is_kubectl_120 "$(command -v kubectl)"; then kubectl_path=$(command -v kubectl)
elif is_kubectl_120 "$unpacked_kubectl"; then kubectl_path=$unpacked_kubectl
elif [ ! -e /usr/bin/kubectl ]; then
  log "installing kubernetes-client (kubectl 1.20)"
  apt_update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client >&2
  kubectl_path=/usr/bin/kubectl
else
  log "/usr/bin/kubectl is $(kubectl version --client --short 2>/dev/null | head -1 || echo 'another kubectl'):" \
      "unpacking Debian's kubernetes-client into $tools_dir"
  apt_update
  download=$(mktemp -d)
  # apt's sandbox user must be able to write where it downloads.
  chmod 777 "$download"
  (cd "$download" && apt-get download -qq kubernetes-client >&2)
  rm -rf "$tools_dir/kubernetes-client"
  mkdir -p "$tools_dir/kubernetes-client"
  dpkg-deb -x "$download"/kubernetes-client_*.deb "$tools_dir/kubernetes-client"
  rm -rf "$download"
  kubectl_path=$unpacked_kubectl
fi
is_kubectl_120 "$kubectl_path" || { log "no kubectl 1.20 at $kubectl_path"; exit 1; }
log "kubectl 1.20 at $kubectl_path; $(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /')"
echo "$kubectl_path"
