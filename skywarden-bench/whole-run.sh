#!/usr/bin/env bash
# Whole-run benchmark: `skywarden hunt` over generated corpora, beside two ceilings measured on the
# same files in the same run (decompression alone, and a bare Jackson token pass).
#
# Usage: skywarden-bench/whole-run.sh [SIZE...]
#   SIZE is a corpus size on disk as `skywarden generate --size` takes it (default: 1GB 10GB).
#   Each corpus is generated once into $CORPUS_ROOT/corpus-SIZE-seedSEED and reused by later runs.
#   Every measurement runs with 1 thread and with all cores, and prints one Markdown table row:
#   events per second, uncompressed MB per second (10^6 bytes) and peak resident memory.
#
# Environment:
#   CORPUS_ROOT  where corpora are kept (default: skywarden-bench/target/corpora)
#   CLOUDS       clouds of the corpus (default: aws, so events per second are CloudTrail events)
#   SEED         generator seed (default: 1)
#   ACCOUNTS     AWS accounts (default: 24); IDENTITIES: people (default: 300)
#   THREADS      thread counts to measure (default: "1 $(nproc)")
#   JAVA_OPTS    JVM options of every measured run (default: -Xmx1g, the heap the hunt must fit in)
#   SKIP_BUILD   set to 1 to use the jars already built
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$bench_dir")"
corpus_root="${CORPUS_ROOT:-$bench_dir/target/corpora}"
clouds="${CLOUDS:-aws}"
seed="${SEED:-1}"
accounts="${ACCOUNTS:-24}"
identities="${IDENTITIES:-300}"
threads_list="${THREADS:-1 $(nproc)}"
java_opts="${JAVA_OPTS:--Xmx1g}"
cli_jar="$repo_dir/skywarden-cli/target/skywarden.jar"
bench_jar="$bench_dir/target/benchmarks.jar"

if [ "$#" -eq 0 ]; then
  set -- 1GB 10GB
fi
if [ ! -x /usr/bin/time ]; then
  echo "whole-run.sh: /usr/bin/time is missing; install GNU time (apt-get install time)" >&2
  exit 1
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$repo_dir" && mvn -q -B install -DskipTests)
fi

# Runs a command under GNU time; prints "SECONDS PEAK_RSS_KB" and leaves its stdout in $out_file.
measure() {
  local log
  log="$(mktemp)"
  /usr/bin/time -v -o "$log" "$@" >"$out_file"
  local elapsed rss
  elapsed="$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')"
  rss="$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')"
  rm -f "$log"
  # Elapsed is h:mm:ss or m:ss.ss.
  echo "$elapsed" | awk -F: -v rss="$rss" '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s, rss }'
}

row() { # name threads seconds rss_kb events bytes
  awk -v name="$1" -v threads="$2" -v s="$3" -v rss="$4" -v events="$5" -v bytes="$6" 'BEGIN {
    printf "| %s | %d | %.1f | %\047d | %.1f | %d |\n", name, threads, s, events / s, bytes / s / 1e6, rss / 1024 }'
}

out_file="$(mktemp)"
trap 'rm -f "$out_file"' EXIT
echo "| Measurement | Threads | Seconds | Events/s | Uncompressed MB/s | Peak RSS MiB |"
echo "|---|---|---|---|---|---|"
for size in "$@"; do
  corpus="$corpus_root/corpus-$size-seed$seed"
  if [ ! -f "$corpus/corpus.json" ]; then
    rm -rf "$corpus"
    mkdir -p "$corpus_root"
    echo "generating $corpus ..." >&2
    java -jar "$cli_jar" generate --out "$corpus" --seed "$seed" --size "$size" \
      --clouds "$clouds" --accounts "$accounts" --identities "$identities" -q >&2
  fi
  logs="$corpus/logs"
  echo "corpus $corpus: $(cat "$corpus/corpus.json" | grep -o '"records":[0-9]*'), $(du -sh "$logs" | cut -f1) on disk" >&2

  for threads in $threads_list; do
    read -r s rss < <(measure java $java_opts -cp "$bench_jar" dev.skywarden.bench.Ceilings decompress "$threads" "$logs")
    bytes="$(grep -o 'uncompressed_bytes=[0-9]*' "$out_file" | cut -d= -f2)"
    read -r ts trss < <(measure java $java_opts -cp "$bench_jar" dev.skywarden.bench.Ceilings tokens "$threads" "$logs")
    events="$(grep -o 'records=[0-9]*' "$out_file" | cut -d= -f2)"
    row "$size decompress" "$threads" "$s" "$rss" "$events" "$bytes"
    row "$size token pass" "$threads" "$ts" "$trss" "$events" "$bytes"
    read -r hs hrss < <(measure java $java_opts -jar "$cli_jar" hunt -q --threads "$threads" \
      --format jsonl --output /dev/null "$logs")
    row "$size hunt" "$threads" "$hs" "$hrss" "$events" "$bytes"
  done
done
