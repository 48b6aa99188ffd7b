# Sourced by the scripts in bin/: picks a JDK >= 21 (the build targets Java 21; a fresh machine defaults to 17), and
# needs_build JAR tells whether JAR is missing or older than a source file (build output and data are not sources).
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ]; then JAVA_HOME=$candidate; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  echo "Formgate needs a JDK 21 or newer; set JAVA_HOME to one." >&2
  exit 1
fi
export JAVA_HOME
needs_build() {
  [ ! -f "$1" ] || [ -n "$(find . \( -path ./.formgate -o -path ./.git -o -name target -o -name node_modules \) -prune -o \( -name '*.java' -o -name '*.yml' -o -name '*.html' -o -name '*.txt' -o -name '*.properties' -o -name pom.xml \) -newer "$1" -print -quit)" ]
}
