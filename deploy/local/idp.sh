#!/usr/bin/env bash
# Runs the development identity provider in the foreground until killed:
#   deploy/local/idp.sh [--host HOST] [--port PORT]
# serves the JWKS at http://${HERALD_DEV_IDP_HOST:-127.0.0.1}:${HERALD_DEV_IDP_PORT:-8090}/.well-known/jwks.json
# with the key in $HERALD_DEV_IDP_DIR (default: <repo>/.data/idp), the same one deploy/local/token.sh signs with.
set -euo pipefail

# shellcheck source=token.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/token.sh"

java="$(herald_java)"
jar="$(herald_idp_jar "$java")"
exec "$java" -Xshare:auto -jar "$jar" serve \
  --host "${HERALD_DEV_IDP_HOST:-127.0.0.1}" --port "${HERALD_DEV_IDP_PORT:-8090}" "$@"
