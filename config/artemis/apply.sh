#!/usr/bin/env bash
# Applies ggk-hub's shipped Artemis settings (config/artemis/) to an Artemis instance made by `artemis create`:
#   config/artemis/apply.sh <instance-dir> [<artemis-home>]
# 1. config/artemis/broker.properties -> <instance>/etc/broker.properties (Artemis reads it at every start, after
#    etc/broker.xml; broker.xml itself is left as `artemis create` wrote it);
# 2. the broker plugin config/artemis/plugin/**/*.java, compiled against <artemis-home>/lib (default: the
#    instance's ARTEMIS_HOME from etc/artemis.profile) -> <instance>/lib/ggk-artemis-plugin.jar.
# Needs a JDK (javac, jar: $JAVA_HOME/bin or PATH). Run it with the broker stopped; the settings take effect at the
# next start. Idempotent: running it again replaces both files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
instance="${1:?usage: apply.sh <instance-dir> [<artemis-home>]}"
home="${2:-}"
if [[ ! -f "$instance/etc/broker.xml" ]]; then
  echo "apply.sh: $instance is not an Artemis instance (no etc/broker.xml)" >&2
  exit 2
fi
if [[ -z "$home" ]]; then
  home="$(sed -n "s/^ARTEMIS_HOME='\(.*\)'$/\1/p" "$instance/etc/artemis.profile" | head -n 1)"
fi
if [[ ! -d "$home/lib" ]]; then
  echo "apply.sh: no Artemis installation at '$home' (pass <artemis-home>)" >&2
  exit 2
fi
javac="javac"; jar="jar"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]]; then
  javac="$JAVA_HOME/bin/javac"; jar="$JAVA_HOME/bin/jar"
fi

cp "$here/broker.properties" "$instance/etc/broker.properties"

classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
mapfile -t sources < <(find "$here/plugin" -name '*.java' | sort)
"$javac" --release 17 -nowarn -d "$classes" -cp "$home/lib/*" "${sources[@]}"
mkdir -p "$instance/lib"
"$jar" --create --file "$instance/lib/ggk-artemis-plugin.jar" -C "$classes" .
echo "applied config/artemis to $instance"
