# Sourced by ./hotline and ./run-tests: finds a JDK 21+ and exports JAVA_HOME.
# Order: $JAVA_HOME if it is 21+, then any JDK 21+ under /usr/lib/jvm (newest first),
# then the `java` on PATH. Fails with a clear message if none is found.
_java_major() { # prints the major version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(_java_major "$JAVA_HOME/bin/java")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return 0
  fi
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    if [ "$(_java_major "$d/bin/java")" -ge 21 ] 2>/dev/null; then echo "$d"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    local home; home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(_java_major "$home/bin/java")" -ge 21 ] 2>/dev/null; then echo "$home"; return 0; fi
  fi
  return 1
}
if ! JAVA_HOME=$(_pick_jdk); then
  echo "hotline: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/*, PATH). Install one, e.g. apt-get install openjdk-21-jdk." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8 on JDK 24+ warns about sun.misc.Unsafe in its own libraries; the warning is noise.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
