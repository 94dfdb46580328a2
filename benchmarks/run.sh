#!/usr/bin/env bash
# Builds the benchmarks, runs StringBenchmark, ListBenchmark, HashBenchmark, SetBenchmark,
# ZSetBenchmark and StreamBenchmark with 1 and 2 threads, then MemoryFootprint, ListFootprint,
# HashFootprint, ZSetFootprint and StreamFootprint, then PersistenceBenchmark (the append-only log
# beside Redis's AOF) and EvictionBenchmark (maxmemory's hit rate beside Caffeine's), and prints
# the ratios of Keel to its peers (ConcurrentHashMap; LinkedBlockingDeque and a locked ArrayDeque;
# Chronicle Map and ConcurrentHashMap.newKeySet(); a ConcurrentSkipListMap with a
# ConcurrentHashMap, for sorted sets and streams; Redis, if redis-server is installed).
#
#   benchmarks/run.sh                 full run (JMH defaults of every benchmark; about 64 minutes:
#                                     strings 10, lists 8, hashes and sets 18, sorted sets 11,
#                                     streams 6, persistence 7, eviction 4)
#   benchmarks/run.sh --quick         short run (about 31 minutes): strings with Zipf keys only, short
#                                     iterations, without the keel-bytes variant; lists with short
#                                     iterations (Keel warmed up 3 x 2 s, its peers 2 x 1 s); hashes,
#                                     sets, sorted sets and streams warmed up 3 x 2 s, measured 3 x 1 s;
#                                     persistence with 100,000 writes and a 10 s budget (Keel 20 s);
#                                     eviction over 200,000 sessions, 12 MiB, 0.5M + 0.5M requests
#   --strings-only / --lists-only / --hashes-only / --zsets-only / --streams-only / --persistence-only
#   / --eviction-only
#                                     run only that part (with or without --quick); --hashes-only is
#                                     HashBenchmark, SetBenchmark and HashFootprint (full: about 18
#                                     minutes; quick: about 10); --zsets-only is ZSetBenchmark and
#                                     ZSetFootprint (full: about 11 minutes; quick: about 9: the
#                                     1M-member set is loaded anew in each of its 30 forks);
#                                     --streams-only is StreamBenchmark and StreamFootprint (full:
#                                     about 6 minutes; quick: about 4: the 1M-entry stream is loaded
#                                     anew in each of its 18 forks); --persistence-only is
#                                     PersistenceBenchmark: Keel warmed up 15 s, then up to 1,000,000
#                                     mixed writes for each fsync policy and 1 and 2 threads, Redis's
#                                     stopped after 50 s and Keel's after 100 (full: about 7 minutes;
#                                     quick: 5 s warmup, up to 100,000 writes, 10 s and 20 s, about
#                                     75 seconds); --eviction-only is EvictionBenchmark: a session
#                                     cache (hashes of 240 bytes, Zipf s = 0.8, 0.99, 1.2) in Keel
#                                     with allkeys-lru, -lfu and -random and in Caffeine, each run
#                                     2M warmup + 2M measured requests over 1,000,000 sessions into
#                                     64 MiB (full: about 4 minutes; quick: under 1)
#
# Results land in benchmarks/target/results/ (JMH CSV and logs, the tables in summary.md).
set -euo pipefail

self="$(realpath "$0")"
cd "$(dirname "$0")/.."
quick=false
only=
for arg in "$@"; do
    case "$arg" in
        --quick) quick=true ;;
        --strings-only|--lists-only|--hashes-only|--zsets-only|--streams-only|--persistence-only|--eviction-only)
            if [ -n "$only" ] && [ "$only" != "$arg" ]; then
                echo "$only and $arg exclude each other" >&2
                exit 2
            fi
            only="$arg" ;;
        -h|--help) sed -n '2,40p' "$self"; exit 0 ;;
        *) echo "unknown option: $arg (expected --quick, --strings-only, --lists-only, --hashes-only, --zsets-only, --streams-only, --persistence-only or --eviction-only)" >&2
           exit 2 ;;
    esac
done
strings=true
lists=true
hashes=true
zsets=true
streams=true
persistence=true
eviction=true
case "$only" in
    --strings-only) lists=false; hashes=false; zsets=false; streams=false; persistence=false; eviction=false ;;
    --lists-only) strings=false; hashes=false; zsets=false; streams=false; persistence=false; eviction=false ;;
    --hashes-only) strings=false; lists=false; zsets=false; streams=false; persistence=false; eviction=false ;;
    --zsets-only) strings=false; lists=false; hashes=false; streams=false; persistence=false; eviction=false ;;
    --streams-only) strings=false; lists=false; hashes=false; zsets=false; persistence=false; eviction=false ;;
    --persistence-only) strings=false; lists=false; hashes=false; zsets=false; streams=false; eviction=false ;;
    --eviction-only) strings=false; lists=false; hashes=false; zsets=false; streams=false; persistence=false ;;
esac

source bin/jdk.sh

echo "== building (mvn -q -B -DskipTests install -pl benchmarks -am)"
mvn -q -B -DskipTests install -pl benchmarks -am

jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
rm -rf "$out"
mkdir -p "$out"

redis=false
if command -v redis-server >/dev/null 2>&1 || [ -n "${REDIS_SERVER:-}" ]; then
    redis=true
else
    echo "redis-server not found: running without the Redis peer"
fi
stores=keel,keel-bytes,chm
list_peers=lbdeque,arraydeque
skiplist_stores=keel,skiplist
if $redis; then
    stores="$stores,redis"
    list_peers="$list_peers,redis"
    skiplist_stores="$skiplist_stores,redis"
fi
# HashBenchmark's forks get Chronicle Map's JVM flags from its @Fork; HashFootprint gets them here.
# Kept in step with chronicle.jvm.flags in benchmarks/pom.xml. Its usage analytics are disabled
# (and left out of the build): nothing here calls out of the machine.
chronicle_flags=(--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
    --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
    --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED -Dchronicle.analytics.disable=true)

if $quick; then
    # Keel's GET/SET path needs about 5 s of warmup before C2 settles; less mis-measures it.
    jmh_opts=(-p "store=${stores/,keel-bytes/}" -f 1 -wi 3 -w 2s -i 3 -r 1s -p distribution=zipf)
    # Keel's LPUSH+RPOP likewise needs 4-5 s; the deques and Redis are steady after about 1 s.
    # Keel and its peers therefore run as separate JMH invocations with their own warmup.
    list_runs=("keel:-f 1 -wi 3 -w 2s -i 3 -r 1s" "$list_peers:-f 1 -wi 2 -w 1s -i 3 -r 1s")
    # Keel's hash commands, like its GET/SET, and Chronicle Map need seconds of warmup (Chronicle
    # Map's HGET ran at a fifth of its speed in its first second in a trial run). Sorted sets and
    # streams too (in a trial run Keel's XADD ran at 0.7M ops/s after 2 s of warmup, 1.6M after 4 s).
    hash_opts=(-f 1 -wi 3 -w 2s -i 3 -r 1s)
    # Redis's writes over loopback run at 10-50k a second here, with fsync ALWAYS at 2-5k.
    persistence_opts=(--writes 100000 --budget-seconds 10 --warmup-seconds 5)
    # 12 MiB holds about 20,000 of the 200,000 sessions (10%, as 64 MiB holds about 108,000 of
    # 1,000,000); 0.5M warmup requests fill it even with s = 1.2.
    eviction_opts=(--sessions 200000 --limit-mib 12 --warmup 500000 --requests 500000 --wall-clock-too --packed-too)
else
    jmh_opts=(-p "store=$stores")
    list_runs=("keel,$list_peers:")
    hash_opts=()
    persistence_opts=(--writes 1000000 --budget-seconds 50 --warmup-seconds 15)
    eviction_opts=(--sessions 1000000 --limit-mib 64 --warmup 2000000 --requests 2000000 --wall-clock-too --packed-too)
fi
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started=$SECONDS

# Runs one JMH invocation: run_jmh NAME THREADS ARGS...; the CSV and log go to $out/NAME.csv|log.
run_jmh() {
    local name="$1" threads="$2"
    shift 2
    java --sun-misc-unsafe-memory-access=allow -jar "$jar" "$@" -t "$threads" \
        -rf csv -rff "$out/$name.csv" > "$out/$name.log" 2>&1 \
        || { tail -40 "$out/$name.log"; exit 1; }
    sed -n '/^Benchmark /,$p' "$out/$name.log"
}

if $strings; then
    for threads in 1 2; do
        echo "== StringBenchmark, $threads thread(s): ${jmh_opts[*]}"
        run_jmh "string-t$threads" "$threads" StringBenchmark "${jmh_opts[@]}"
    done
fi

list_csvs=()
if $lists; then
    for threads in 1 2; do
        # With one thread the shared queue is the thread's own: lpushRpopSharedKey would repeat lpushRpopOwnKey.
        pattern='ListBenchmark\.'
        [ "$threads" = 1 ] && pattern='ListBenchmark\.(lpushRpopOwnKey|lrange0to99|lindexMiddle)$'
        for run in "${list_runs[@]}"; do
            list_stores="${run%%:*}"
            read -r -a list_opts <<< "${run#*:}"
            name="list-t$threads-${list_stores%%,*}"
            echo "== ListBenchmark, $threads thread(s): -p store=$list_stores ${list_opts[*]}"
            run_jmh "$name" "$threads" "$pattern" -p "store=$list_stores" "${list_opts[@]}"
            list_csvs+=("$out/$name.csv")
        done
    done
fi

hash_csvs=()
set_csvs=()
if $hashes; then
    for threads in 1 2; do
        echo "== HashBenchmark, $threads thread(s): -p store=keel,chm,chronicle ${hash_opts[*]}"
        run_jmh "hash-t$threads" "$threads" 'HashBenchmark\.' -p store=keel,chm,chronicle "${hash_opts[@]}"
        hash_csvs+=("$out/hash-t$threads.csv")
        if $redis; then
            # Redis over loopback for HSET and HGET only: its HINCRBY would be one more round trip.
            echo "== HashBenchmark HSET/HGET, $threads thread(s): -p store=redis ${hash_opts[*]}"
            run_jmh "hash-t$threads-redis" "$threads" 'HashBenchmark\.(hset|hget)' -p store=redis "${hash_opts[@]}"
            hash_csvs+=("$out/hash-t$threads-redis.csv")
        fi
        echo "== SetBenchmark, $threads thread(s): -p store=keel,keyset ${hash_opts[*]}"
        run_jmh "set-t$threads" "$threads" 'SetBenchmark\.' -p store=keel,keyset "${hash_opts[@]}"
        set_csvs+=("$out/set-t$threads.csv")
    done
fi

# Runs BENCHMARK (ZSetBenchmark, StreamBenchmark) with 1 and 2 threads against Keel, the skip list
# and Redis: run_skiplist_peers BENCHMARK NAME; the CSVs go to $out/NAME-t1.csv and NAME-t2.csv.
run_skiplist_peers() {
    local benchmark="$1" name="$2"
    for threads in 1 2; do
        echo "== $benchmark, $threads thread(s): -p store=$skiplist_stores ${hash_opts[*]}"
        run_jmh "$name-t$threads" "$threads" "$benchmark\\." -p "store=$skiplist_stores" "${hash_opts[@]}"
    done
}

zset_csvs=("$out/zset-t1.csv" "$out/zset-t2.csv")
if $zsets; then
    run_skiplist_peers ZSetBenchmark zset
fi

stream_csvs=("$out/stream-t1.csv" "$out/stream-t2.csv")
if $streams; then
    run_skiplist_peers StreamBenchmark stream
fi

if $strings; then
    echo "== RedisBaseline (redis-benchmark, for context)"
    java -cp "$jar" dev.keel.benchmarks.RedisBaseline | tee "$out/redis-baseline.txt"

    echo "== MemoryFootprint"
    java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$jar" dev.keel.benchmarks.MemoryFootprint | tee "$out/memory.txt"
fi

if $lists; then
    echo "== ListFootprint"
    java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$jar" dev.keel.benchmarks.ListFootprint | tee "$out/list-memory.txt"
fi

if $hashes; then
    echo "== HashFootprint"
    java -Xmx2g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow "${chronicle_flags[@]}" \
        -cp "$jar" dev.keel.benchmarks.HashFootprint 2>&1 | grep -v '^SLF4J' | tee "$out/hash-memory.txt"
fi

if $zsets; then
    echo "== ZSetFootprint"
    java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$jar" dev.keel.benchmarks.ZSetFootprint | tee "$out/zset-memory.txt"
fi

if $streams; then
    echo "== StreamFootprint"
    java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$jar" dev.keel.benchmarks.StreamFootprint | tee "$out/stream-memory.txt"
fi

if $persistence; then
    # Keel's and Redis's logs go to the same disk: both under java.io.tmpdir.
    echo "== PersistenceBenchmark ${persistence_opts[*]}"
    java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$jar" dev.keel.benchmarks.PersistenceBenchmark "${persistence_opts[@]}" 2>&1 \
        | grep --line-buffered -v '^SLF4J' | tee "$out/persistence.txt"
fi

if $eviction; then
    echo "== EvictionBenchmark ${eviction_opts[*]}"
    java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$jar" dev.keel.benchmarks.EvictionBenchmark "${eviction_opts[@]}" \
        | tee "$out/eviction.txt"
fi

{
    if $strings; then
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
    fi
    if $lists; then
        $strings && echo
        echo "## ListBenchmark (ops/s, an LPUSH+RPOP pair counting as one op; ± is JMH's 99.9% error as a share of the score)"
        echo
        java -cp "$jar" dev.keel.benchmarks.ResultsTable "${list_csvs[@]}"
        echo
        echo "## ListFootprint"
        echo
        cat "$out/list-memory.txt"
    fi
    if $hashes; then
        { $strings || $lists; } && echo
        echo "## HashBenchmark (ops/s; Redis runs HSET and HGET only; ± is JMH's 99.9% error as a share of the score)"
        echo
        java -cp "$jar" dev.keel.benchmarks.ResultsTable "${hash_csvs[@]}"
        echo
        echo "## SetBenchmark (ops/s, a SADD+SREM pair counting as one op; ± as above)"
        echo
        java -cp "$jar" dev.keel.benchmarks.ResultsTable "${set_csvs[@]}"
        echo
        echo "## HashFootprint"
        echo
        cat "$out/hash-memory.txt"
    fi
    if $zsets; then
        { $strings || $lists || $hashes; } && echo
        echo "## ZSetBenchmark (ops/s, a ZPOPMIN+ZADD pair counting as one op; skiplist ZRANK is O(n): headMap(key).size(); ± as above)"
        echo
        java -cp "$jar" dev.keel.benchmarks.ResultsTable "${zset_csvs[@]}"
        echo
        echo "## ZSetFootprint"
        echo
        cat "$out/zset-memory.txt"
    fi
    if $streams; then
        { $strings || $lists || $hashes || $zsets; } && echo
        echo "## StreamBenchmark (ops/s, an XREADGROUP+XACK pair counting as one op; ± as above)"
        echo
        java -cp "$jar" dev.keel.benchmarks.ResultsTable "${stream_csvs[@]}"
        echo
        echo "## StreamFootprint"
        echo
        cat "$out/stream-memory.txt"
    fi
    if $persistence; then
        { $strings || $lists || $hashes || $zsets || $streams; } && echo
        echo "## PersistenceBenchmark (${persistence_opts[*]})"
        echo
        sed -n '/^### Writes/,$p' "$out/persistence.txt"
    fi
    if $eviction; then
        { $strings || $lists || $hashes || $zsets || $streams || $persistence; } && echo
        echo "## EvictionBenchmark (${eviction_opts[*]})"
        echo
        sed -n '/^### Hit rate/,$p' "$out/eviction.txt"
    fi
} > "$out/summary.md"

echo
echo "== Summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)); benchmarks took $((SECONDS - started)) s after the build"
echo "load average (1, 5, 15 min) before the benchmarks: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(anything else running on the machine during the run skews the numbers: check the load)"
cat "$out/summary.md"
