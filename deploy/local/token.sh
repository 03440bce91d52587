#!/usr/bin/env bash
# Prints a JWT from the development identity provider on stdout, and nothing else:
#   deploy/local/token.sh USER [--admin] [--name NAME] [--ttl SECONDS]
# The signing key lives in $HERALD_DEV_IDP_DIR (default: <repo>/.data/idp), shared with deploy/local/idp.sh.
# Java: $JAVA_HOME/bin/java if it is 21+, else `java` on the PATH if 21+, else the newest 21+ under /usr/lib/jvm.
# Builds dev-idp/target/herald-dev-idp-*-all.jar first (output on stderr) when it is missing or older than dev-idp/.
# deploy/local/idp.sh sources this file for herald_java and herald_idp_jar.
set -euo pipefail

HERALD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export HERALD_DEV_IDP_DIR="${HERALD_DEV_IDP_DIR:-$HERALD_ROOT/.data/idp}"

# Major version of a java launcher, from its release file when there is one (no JVM start).
java_major() {
  local bin=$1 home version=""
  home="$(dirname "$(dirname "$(readlink -f "$bin")")")"
  if [[ -f "$home/release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")"
  fi
  if [[ -z "$version" ]]; then
    version="$("$bin" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  version="${version#1.}"
  echo "${version%%[^0-9]*}"
}

# Path of a java launcher of version 21 or later.
herald_java() {
  local candidate major
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  candidates+=("$(command -v java || true)")
  candidates+=($(ls -1d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV))
  for candidate in "${candidates[@]}"; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 21 )); then
      echo "$candidate"
      return 0
    fi
  done
  echo "herald: no Java 21 or later found; set JAVA_HOME" >&2
  return 1
}

# Newest dev-idp/target/herald-dev-idp-*-all.jar, or nothing.
newest_idp_jar() {
  local jar newest=""
  for jar in "$HERALD_ROOT"/dev-idp/target/herald-dev-idp-*-all.jar; do
    [[ -f "$jar" ]] || continue
    if [[ -z "$newest" || "$jar" -nt "$newest" ]]; then newest="$jar"; fi
  done
  echo "$newest"
}

idp_jar_is_current() {
  local jar=$1
  [[ -n "$jar" ]] || return 1
  [[ -z "$(find "$HERALD_ROOT/dev-idp/src/main" "$HERALD_ROOT/dev-idp/pom.xml" "$HERALD_ROOT/pom.xml" \
            -newer "$jar" -print -quit)" ]]
}

# Path of the runnable identity provider jar, built with the given java if needed; one build at a time.
herald_idp_jar() {
  local java=$1 jar
  jar="$(newest_idp_jar)"
  if ! idp_jar_is_current "$jar"; then
    mkdir -p "$HERALD_ROOT/.data"
    (
      if command -v flock >/dev/null; then
        exec 9>"$HERALD_ROOT/.data/.herald-dev-idp-build.lock"
        flock 9
      fi
      if ! idp_jar_is_current "$(newest_idp_jar)"; then
        echo "herald: building dev-idp/target/herald-dev-idp-*-all.jar ..." >&2
        cd "$HERALD_ROOT"
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")" \
          mvn -B -q -pl dev-idp -am package -DskipTests >&2
        # Maven leaves an up-to-date jar untouched: mark it current so the next call skips the build.
        jar_built="$(newest_idp_jar)"
        [[ -z "$jar_built" ]] || touch "$jar_built"
      fi
    )
    jar="$(newest_idp_jar)"
    [[ -n "$jar" ]] || { echo "herald: the build made no dev-idp/target/herald-dev-idp-*-all.jar" >&2; return 1; }
  fi
  echo "$jar"
}

herald_token() {
  if (( $# == 0 )) || [[ "$1" == "-h" || "$1" == "--help" ]]; then
    echo "usage: deploy/local/token.sh USER [--admin] [--name NAME] [--ttl SECONDS]" >&2
    return 2
  fi
  local java jar
  java="$(herald_java)"
  jar="$(herald_idp_jar "$java")"
  # A short-lived JVM: C1 only and the default CDS archive start it fastest.
  exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$jar" token "$@"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  herald_token "$@"
fi
