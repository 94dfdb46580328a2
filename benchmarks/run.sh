#!/usr/bin/env bash
# Builds the benchmarks, runs StringBenchmark with 1 and 2 threads and MemoryFootprint, and prints
# the ratios of Keel to ConcurrentHashMap and to Redis (Redis only if redis-server is installed).
#
#   benchmarks/run.sh           full run (JMH defaults of StringBenchmark; about 10 minutes)
#   benchmarks/run.sh --quick   short run (about 3 minutes): Zipf keys only, short iterations,
#                               without the keel-bytes variant
#
# Results land in benchmarks/target/results/ (JMH CSV and logs, the tables in summary.md).
set -euo pipefail

cd "$(dirname "$0")/.."
quick=false
for arg in "$@"; do
    case "$arg" in
        --quick) quick=true ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "unknown option: $arg (expected --quick)" >&2; exit 2 ;;
    esac
done

source bin/jdk.sh

echo "== building (mvn -q -B -DskipTests install -pl benchmarks -am)"
mvn -q -B -DskipTests install -pl benchmarks -am

jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
rm -rf "$out"
mkdir -p "$out"

stores=keel,keel-bytes,chm
if command -v redis-server >/dev/null 2>&1 || [ -n "${REDIS_SERVER:-}" ]; then
    stores="$stores,redis"
else
    echo "redis-server not found: running without the Redis peer"
fi

if $quick; then
    # Keel's GET/SET path needs about 5 s of warmup before C2 settles; less mis-measures it.
    jmh_opts=(-p "store=${stores/,keel-bytes/}" -f 1 -wi 3 -w 2s -i 3 -r 1s -p distribution=zipf)
else
    jmh_opts=(-p "store=$stores")
fi
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

for threads in 1 2; do
    echo "== StringBenchmark, $threads thread(s): ${jmh_opts[*]}"
    java --sun-misc-unsafe-memory-access=allow -jar "$jar" StringBenchmark -t "$threads" "${jmh_opts[@]}" \
        -rf csv -rff "$out/string-t$threads.csv" > "$out/string-t$threads.log" 2>&1 \
        || { tail -40 "$out/string-t$threads.log"; exit 1; }
    sed -n '/^Benchmark /,$p' "$out/string-t$threads.log"
done

echo "== RedisBaseline (redis-benchmark, for context)"
java -cp "$jar" dev.keel.benchmarks.RedisBaseline | tee "$out/redis-baseline.txt"

echo "== MemoryFootprint"
java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$jar" dev.keel.benchmarks.MemoryFootprint | tee "$out/memory.txt"

{
    echo "## StringBenchmark (ops/s; ± is JMH's 99.9% error as a share of the score)"
    echo
    java -cp "$jar" dev.keel.benchmarks.ResultsTable "$out/string-t1.csv" "$out/string-t2.csv"
    echo
    echo "## Redis's own client (redis-benchmark, no pipelining), same machine"
    echo
    cat "$out/redis-baseline.txt"
    echo
    echo "## MemoryFootprint"
    echo
    cat "$out/memory.txt"
} > "$out/summary.md"

echo
echo "== Summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1))"
echo "load average (1, 5, 15 min) before the benchmarks: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(anything else running on the machine during the run skews the numbers: check the load)"
cat "$out/summary.md"
