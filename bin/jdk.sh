# Sourced by the scripts in bin/: points JAVA_HOME at a JDK 25, or fails with a clear message.
find_jdk25() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/jdk-25*; do
        if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] \
            && "$candidate/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "25([."]|$)'; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
if ! JAVA_HOME="$(find_jdk25)"; then
    echo "Keel needs JDK 25: none found in JAVA_HOME or /usr/lib/jvm (expected /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
    exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's bundled Guava calls sun.misc.Unsafe; JDK 25 warns about it on every run.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
