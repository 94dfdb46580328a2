#!/usr/bin/env bash
# The one-run comparison of Keel with Redis, the on-heap JDK collections and Chronicle Map: builds
# the benchmarks, then runs Comparison once per side (a JVM each: keel, heap, chronicle, redis) and
# PersistenceBenchmark, and prints the table, which it also writes at the top of benchmarks/RESULTS.md
# (replacing the one-run section of the run before, keeping everything else).
#
#   benchmarks/run.sh            full run, about 25 minutes on 2 cores: 1M-element datasets, each
#                                workload 1.5 s warmup + 8 windows of 250 ms + 750 ms of latency,
#                                2 forks (JVMs) per side; persistence: up to 200,000 writes, 15 s budget
#   benchmarks/run.sh --quick    quick run, under 3 minutes (2 min 20 s with the build, at a load average
#                                of 10): the same workloads on 200,000-element datasets, one fork,
#                                250 ms warmup + 3 windows of 100 ms + 100 ms of latency (indicative
#                                only: Keel's JIT is not settled by then); persistence: up to 5,000
#                                writes, 1 s budget
#   --comparison-only / --persistence-only
#                                run only that part (with or without --quick); RESULTS.md is written
#                                by a run with the comparison
#   --eviction-only              EvictionBenchmark alone (hit rate beside Caffeine; not part of the one
#                                run; full about 4 minutes, quick under 1); prints, does not touch RESULTS.md
#   --no-results                 print the table, leave RESULTS.md as it is
#
# Each side is run with 1 and 2 threads and the number of cores. Redis (redis-server 7 on the PATH, or
# $REDIS_SERVER) is started on 127.0.0.1 by the run and stopped after it; without it the Redis columns
# are empty. Rows, logs and the summary land in benchmarks/target/results/. The per-type JMH benchmarks
# (StringBenchmark, ListBenchmark, HashBenchmark, SetBenchmark, ZSetBenchmark, StreamBenchmark) and the
# footprint programs stay runnable on their own: see benchmarks/RESULTS.md's later sections.
set -euo pipefail

self="$(realpath "$0")"
cd "$(dirname "$0")/.."
quick=false
only=
results=true
for arg in "$@"; do
    case "$arg" in
        --quick) quick=true ;;
        --no-results) results=false ;;
        --comparison-only|--persistence-only|--eviction-only)
            if [ -n "$only" ] && [ "$only" != "$arg" ]; then
                echo "$only and $arg exclude each other" >&2
                exit 2
            fi
            only="$arg" ;;
        -h|--help) sed -n '2,27p' "$self"; exit 0 ;;
        *) echo "unknown option: $arg (expected --quick, --comparison-only, --persistence-only, --eviction-only or --no-results)" >&2
           exit 2 ;;
    esac
done
comparison=true
persistence=true
eviction=false
case "$only" in
    --comparison-only) persistence=false ;;
    --persistence-only) comparison=false ;;
    --eviction-only) comparison=false; persistence=false; eviction=true ;;
esac
command="benchmarks/run.sh${*:+ $*}"

source bin/jdk.sh

echo "== building (mvn -q -B -Dmaven.test.skip=true install -pl benchmarks -am)"
mvn -q -B -Dmaven.test.skip=true install -pl benchmarks -am

jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
rm -rf "$out"
mkdir -p "$out"

sides=(keel heap chronicle redis)
if ! command -v redis-server >/dev/null 2>&1 && [ -z "${REDIS_SERVER:-}" ]; then
    echo "redis-server not found: running without the Redis side"
    sides=(keel heap chronicle)
fi
threads="$(printf '%s\n' 1 2 "$(nproc)" | sort -nu | paste -sd,)"
# Chronicle Map's JVM flags (kept in step with chronicle.jvm.flags in benchmarks/pom.xml); its usage
# analytics are disabled (and left out of the build): nothing here calls out of the machine.
chronicle_flags=(--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
    --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
    --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED -Dchronicle.analytics.disable=true)
jvm=(java -Xms4g -Xmx4g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)

if $quick; then
    forks=1
    comparison_opts=(--elements 200000 --sessions 20000 --warmup-ms 250 --windows 3 --window-ms 100 --latency-ms 100)
    # Redis's writes over loopback run at 10-50k a second here, with fsync ALWAYS at 0.3-2k.
    persistence_opts=(--writes 5000 --budget-seconds 1 --warmup-seconds 1)
    eviction_opts=(--sessions 200000 --limit-mib 12 --warmup 500000 --requests 500000 --wall-clock-too --packed-too)
    mode="quick run: one fork, 3 windows of 100 ms after 250 ms of warmup; indicative only"
else
    forks=2
    comparison_opts=(--elements 1000000 --sessions 100000 --warmup-ms 1500 --windows 8 --window-ms 250 --latency-ms 750)
    persistence_opts=(--writes 200000 --budget-seconds 15 --warmup-seconds 5)
    eviction_opts=(--sessions 1000000 --limit-mib 64 --warmup 2000000 --requests 2000000 --wall-clock-too --packed-too)
    mode="full run: $forks forks per side, 8 windows of 250 ms after 1.5 s of warmup"
fi
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started=$SECONDS
date_started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

if $comparison; then
    for fork in $(seq 1 "$forks"); do
        for side in "${sides[@]}"; do
            echo "== Comparison --side $side (fork $fork of $forks, threads $threads): ${comparison_opts[*]}"
            "${jvm[@]}" "${chronicle_flags[@]}" -cp "$jar" dev.keel.benchmarks.Comparison --side "$side" --fork "$fork" \
                --threads "$threads" --out "$out/rows.tsv" "${comparison_opts[@]}" 2>&1 \
                | grep --line-buffered -v '^SLF4J' | tee -a "$out/comparison-$side.log"
        done
    done
fi

if $persistence; then
    # Keel's and Redis's logs go to the same disk: both under java.io.tmpdir.
    echo "== PersistenceBenchmark ${persistence_opts[*]}"
    java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$jar" dev.keel.benchmarks.PersistenceBenchmark "${persistence_opts[@]}" 2>&1 \
        | grep --line-buffered -v '^SLF4J' | tee "$out/persistence.txt"
    sed -n '/^### Writes/,$p' "$out/persistence.txt" | sed 's/^### /#### /' > "$out/persistence.md"
fi

if $eviction; then
    echo "== EvictionBenchmark ${eviction_opts[*]}"
    java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$jar" dev.keel.benchmarks.EvictionBenchmark "${eviction_opts[@]}" \
        | tee "$out/eviction.txt"
fi

elapsed=$((SECONDS - started))
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
if $comparison; then
    cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    ram="$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)"
    report=(java -cp "$jar" dev.keel.benchmarks.ComparisonReport --rows "$out/rows.tsv"
        --title "One-run comparison ($(date -u +%Y-%m-%d), ${mode%%:*})"
        --command "$command"
        --meta "date=$date_started, benchmarks took $elapsed s after the build"
        --meta "run=$mode"
        --meta "code=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' with uncommitted changes')"
        --meta "machine=$(nproc) cores ($cpu), $ram RAM; threads $threads"
        --meta "load=load average (1, 5, 15 min) $load_before before, $load_after after; anything else running skews the figures"
        --meta "settings=Comparison ${comparison_opts[*]}; JVMs ${jvm[*]:1}")
    if $persistence; then
        report+=(--section "### Durability: the append-only log beside Redis's AOF (PersistenceBenchmark ${persistence_opts[*]})" "$out/persistence.md")
    fi
    if $results; then
        report+=(--results benchmarks/RESULTS.md)
    fi
    echo
    echo "== Summary"
    "${report[@]}" | tee "$out/summary.md"
    $results && echo "(written at the top of benchmarks/RESULTS.md)"
fi
echo "benchmarks took $elapsed s after the build; load average before: $load_before, after: $load_after"
