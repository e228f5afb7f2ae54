#!/usr/bin/env bash
# Whole-run benchmark: `skywarden hunt` over generated corpora, beside two ceilings measured on the
# same files in the same run (decompression alone, and a bare Jackson token pass).
#
# Usage: skywarden-bench/whole-run.sh [SIZE...]
#   SIZE is a corpus size on disk as `skywarden generate --size` takes it (default: 1GB 10GB).
#   Each corpus is generated once into $CORPUS_ROOT/corpus-SIZE-seedSEED and reused by later runs.
#   Every measurement runs with each thread count of THREADS and prints one Markdown table row.
#   The row has wall and CPU seconds, events per second of wall time and of CPU time, and
#   uncompressed MB per second (10^6 bytes). It also has peak resident memory, the peak heap and the
#   largest heap after a GC, the hunt's share of the token pass, and the 1-minute load average
#   before and after the run. After the table, one line per hunt scores its findings against the
#   corpus's ground truth (`skywarden score`): scenarios found and findings outside them.
#
# Hunt configurations (CONFIGS, in this order by default):
#   builtin    the built-in pack
#   sigmahq    the built-in pack and the SigmaHQ cloud and identity rules of $SHARED_DIR/data/sigmahq
#   analytics  the built-in pack, the SigmaHQ rules and --analytics with the corpus's ip-ranges/
# When the SigmaHQ rules are missing, the script prints so and the sigmahq rows are left out; the
# analytics row then runs the built-in pack with the analytics.
#
# Environment:
#   CORPUS_ROOT  where corpora are kept (default: skywarden-bench/target/corpora)
#   CLOUDS       clouds of the corpus (default: aws, so events per second are CloudTrail events)
#   SEED         generator seed (default: 1)
#   ACCOUNTS     AWS accounts (default: 24); IDENTITIES: people (default: 300)
#   THREADS      thread counts to measure (default: "1 $(nproc)")
#   CONFIGS      hunt configurations to measure (default: "builtin sigmahq analytics")
#   CEILINGS     set to 0 to skip the two ceilings (then MB/s and the token-pass share are blank)
#   JAVA_OPTS    JVM options of every measured run (default: -Xmx1g -XX:+UseParallelGC, the heap
#                the hunt must fit in and the collector the skywarden launcher chooses)
#   SHARED_DIR   the shared data folder (default: ../shared beside the checkout)
#   LOG_DIR      where the GC log, GNU time output, stderr and findings of each run are kept
#                (default: skywarden-bench/target/whole-run-logs)
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
configs="${CONFIGS:-builtin sigmahq analytics}"
ceilings="${CEILINGS:-1}"
java_opts="${JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}"
shared_dir="${SHARED_DIR:-$repo_dir/../shared}"
log_dir="${LOG_DIR:-$bench_dir/target/whole-run-logs}"
cli_jar="$repo_dir/skywarden-cli/target/skywarden.jar"
bench_jar="$bench_dir/target/benchmarks.jar"
sigmahq_dir="$shared_dir/data/sigmahq/rules"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

if [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
  usage
  exit 0
fi
if [ "$#" -eq 0 ]; then
  set -- 1GB 10GB
fi

# The settings are checked before the build and before any corpus is generated, because generating
# a corpus takes many minutes per gigabyte.
for config in $configs; do
  case "$config" in
    builtin | sigmahq | analytics) ;;
    *)
      echo "whole-run.sh: invalid CONFIGS entry '$config': expected builtin, sigmahq or analytics" >&2
      exit 2
      ;;
  esac
done
if [ -z "${configs// /}" ]; then
  echo "whole-run.sh: CONFIGS is empty: name at least one of builtin, sigmahq or analytics" >&2
  exit 2
fi
if [ -z "${threads_list// /}" ]; then
  echo "whole-run.sh: THREADS is empty: give thread counts such as \"1 4\"" >&2
  exit 2
fi
for threads in $threads_list; do
  if ! [[ "$threads" =~ ^[1-9][0-9]*$ ]]; then
    echo "whole-run.sh: invalid THREADS entry '$threads': expected a positive whole number" >&2
    exit 2
  fi
done
if [ "$ceilings" != 0 ] && [ "$ceilings" != 1 ]; then
  echo "whole-run.sh: invalid CEILINGS '$ceilings': expected 1 (measure) or 0 (skip)" >&2
  exit 2
fi
for size in "$@"; do
  if [[ "$size" == -* ]]; then
    echo "whole-run.sh: invalid SIZE '$size': expected a size such as 50MB or 1GB;" \
      "run with --help for the usage" >&2
    exit 2
  fi
done

# GNU time gives peak RSS and CPU time; install it when it is missing and apt-get can.
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "whole-run.sh: /usr/bin/time is missing; installing GNU time with apt-get" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >&2
  else
    echo "whole-run.sh: /usr/bin/time is missing; install GNU time (apt-get install time)" >&2
    exit 1
  fi
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$repo_dir" && mvn -q -B package -DskipTests)
fi
mkdir -p "$log_dir"

sigmahq_present=0
if [ -d "$sigmahq_dir" ]; then
  sigmahq_present=1
fi

# The environment of the run, so that the figures can be read later.
echo "whole-run.sh $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"
echo "cpus: $(nproc) ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1))"
echo "java: $(java -version 2>&1 | sed -n 1p); JAVA_OPTS: $java_opts"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$sigmahq_present" = 1 ]; then
  echo "SigmaHQ rules: $sigmahq_dir ($(find "$sigmahq_dir" -name '*.yml' | wc -l) files)"
else
  echo "SigmaHQ rules: MISSING at $sigmahq_dir; the sigmahq rows are left out and the analytics"
  echo "  row runs the built-in pack only. Set SHARED_DIR to the folder holding data/sigmahq."
fi
echo "logs of each run: $log_dir"
echo

out_file="$(mktemp)"
trap 'rm -f "$out_file"' EXIT

# Runs java with JAVA_OPTS and a GC log under GNU time. The first argument names the run's logs
# under LOG_DIR; the rest are java's arguments. Sets m_wall and m_cpu (seconds), m_rss (KiB),
# m_heap_peak and m_heap_live (MiB: the largest heap before and after any GC pause), m_load
# ("before -> after") and m_status. The command's stdout is left in $out_file.
measure() {
  local name="$1"
  shift
  local time_log="$log_dir/$name.time" gc_log="$log_dir/$name.gc" err_log="$log_dir/$name.err"
  local load_before
  load_before="$(cut -d' ' -f1 /proc/loadavg)"
  m_status=0
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options.
  /usr/bin/time -v -o "$time_log" java $java_opts -Xlog:gc:file="$gc_log" "$@" \
    >"$out_file" 2>"$err_log" || m_status=$?
  m_load="$load_before -> $(cut -d' ' -f1 /proc/loadavg)"

  # Elapsed is h:mm:ss or m:ss.ss.
  m_wall="$(sed -n 's/.*Elapsed (wall clock).*: //p' "$time_log" \
    | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')"
  m_cpu="$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$time_log")"
  m_rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$time_log")"

  # The parallel collector and G1 log each pause as BEFORE->AFTER(COMMITTED) in M (MiB); K or G
  # units appear on tiny or huge heaps, so they are converted. Only young, mixed and full pauses
  # free memory, so only their AFTER counts; G1's remark and cleanup pauses would count garbage.
  read -r m_heap_peak m_heap_live < <(grep -E 'Pause' "$gc_log" \
    | sed -nE 's/.*(Pause [A-Za-z]+).* ([0-9]+[KMG])->([0-9]+[KMG])\(.*/\1 \2 \3/p' \
    | awk 'function mib(v) { u = substr(v, length(v)); n = substr(v, 1, length(v) - 1);
        return u == "K" ? n / 1024 : (u == "G" ? n * 1024 : n + 0) }
      { b = mib($3); a = mib($4); if (b > p) p = b;
        if (($2 == "Young" || $2 == "Full") && a > l) l = a }
      END { printf "%d %d\n", p, l }')

  if [ "$m_status" != 0 ] && [ "$m_status" != 3 ]; then
    echo "whole-run.sh: $name exited with status $m_status; see $err_log" >&2
  fi
}

# Prints one table row: name threads events bytes token_seconds token_cpu (both 0 when none).
row() {
  awk -v name="$1" -v threads="$2" -v events="$3" -v bytes="$4" -v ts="$5" -v tcpu="$6" \
    -v s="$m_wall" -v cpu="$m_cpu" -v rss="$m_rss" -v hp="$m_heap_peak" -v hl="$m_heap_live" \
    -v load="$m_load" -v status="$m_status" 'BEGIN {
      mbs = bytes > 0 ? sprintf("%.1f", bytes / s / 1e6) : "";
      share = ts > 0 ? sprintf("%.0f%% / %.0f%%", 100 * ts / s, 100 * tcpu / cpu) : "";
      rate = sprintf("%\047d", events / s);
      cpu_rate = sprintf("%\047d", events / cpu);
      # A failed run did not read all events, so it has no rates.
      if (status != 0 && status != 3) {
        name = name " (FAILED: exit " status ")";
        rate = cpu_rate = mbs = share = "";
      }
      printf "| %s | %d | %.1f | %.1f | %s | %s | %s | %d | %d / %d | %s | %s |\n",
        name, threads, s, cpu, rate, cpu_rate, mbs, rss / 1024, hp, hl, share, load }'
}

# Prints the hunt arguments of a configuration for a corpus, or SKIP when its rules are missing.
hunt_args() {
  local config="$1" corpus="$2"
  case "$config" in
    builtin) echo "" ;;
    sigmahq)
      if [ "$sigmahq_present" = 1 ]; then echo "--rules $sigmahq_dir"; else echo "SKIP"; fi
      ;;
    analytics)
      local rules=""
      if [ "$sigmahq_present" = 1 ]; then rules="--rules $sigmahq_dir "; fi
      echo "$rules--analytics --ip-ranges $corpus/ip-ranges"
      ;;
    *)
      echo "whole-run.sh: unknown configuration '$config' (builtin, sigmahq or analytics)" >&2
      exit 2
      ;;
  esac
}

config_label() {
  case "$1" in
    builtin) echo "hunt builtin" ;;
    sigmahq) echo "hunt builtin+sigmahq" ;;
    analytics)
      if [ "$sigmahq_present" = 1 ]; then
        echo "hunt builtin+sigmahq+analytics"
      else
        echo "hunt builtin+analytics (no SigmaHQ rules)"
      fi
      ;;
  esac
}

# Prints one line with the detection score of a hunt's findings against the corpus's ground
# truth (skywarden score): scenarios found and findings outside the scenarios.
score_line() {
  local label="$1" corpus="$2" findings="$3" text
  if ! text="$(java -jar "$cli_jar" score "$corpus" "$findings" 2>>"$log_dir/score.err")"; then
    echo "detection $label: score failed, see $log_dir/score.err"
    return
  fi
  echo "detection $label: $(echo "$text" | sed -n 's/^scenarios found: //p'); outside" \
    "$(echo "$text" | sed -n 's/^outside scenarios: //p')"
}

declare -A hunt_rate
scores=()
# score_line appends to score.err; start it empty so a message there belongs to this run.
: >"$log_dir/score.err"
echo "| Measurement | Threads | Wall s | CPU s | Events/s | Events/CPU-s | Uncompressed MB/s |" \
  "Peak RSS MiB | Heap peak / after GC MiB | Share of token pass (wall / CPU) | Load 1m |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for size in "$@"; do
  corpus="$corpus_root/corpus-$size-seed$seed"
  # The generator's summary, written once generation has finished, marks a complete corpus.
  summary="$corpus_root/corpus-$size-seed$seed.txt"
  if [ ! -f "$summary" ]; then
    rm -rf "$corpus"
    mkdir -p "$corpus_root"
    echo "generating $corpus ..." >&2
    java -jar "$cli_jar" generate --out "$corpus" --seed "$seed" --size "$size" \
      --clouds "$clouds" --accounts "$accounts" --identities "$identities" -q >"$summary.tmp"
    mv "$summary.tmp" "$summary"
  fi
  logs="$corpus/logs"
  # "wrote 554,967 records in 10,240 files (55,869,829 bytes) from ... to ... into ..."
  records="$(sed -n 's/^wrote \([0-9,]*\) records.*/\1/p' "$summary" | tr -d , | head -n 1)"
  echo "corpus $corpus: $(sed -n 's/^wrote \(.*\) into .*/\1/p' "$summary" | head -n 1)" >&2

  for threads in $threads_list; do
    events="${records:-0}"
    bytes=0
    ts=0
    tcpu=0
    if [ "$ceilings" = 1 ]; then
      measure "$size-decompress-t$threads" -cp "$bench_jar" dev.skywarden.bench.Ceilings \
        decompress "$threads" "$logs"
      bytes="$(grep -o 'uncompressed_bytes=[0-9]*' "$out_file" | cut -d= -f2)"
      d_wall="$m_wall" d_cpu="$m_cpu" d_rss="$m_rss" d_hp="$m_heap_peak" d_hl="$m_heap_live"
      d_load="$m_load" d_status="$m_status"
      measure "$size-tokens-t$threads" -cp "$bench_jar" dev.skywarden.bench.Ceilings \
        tokens "$threads" "$logs"
      events="$(grep -o 'records=[0-9]*' "$out_file" | cut -d= -f2)"
      ts="$m_wall"
      tcpu="$m_cpu"
      # The decompress row needs the record count of the token pass, so it prints second.
      t_wall="$m_wall" t_cpu="$m_cpu" t_rss="$m_rss" t_hp="$m_heap_peak" t_hl="$m_heap_live"
      t_load="$m_load" t_status="$m_status"
      m_wall="$d_wall" m_cpu="$d_cpu" m_rss="$d_rss" m_heap_peak="$d_hp" m_heap_live="$d_hl"
      m_load="$d_load" m_status="$d_status"
      row "$size decompress" "$threads" "$events" "$bytes" 0 0
      m_wall="$t_wall" m_cpu="$t_cpu" m_rss="$t_rss" m_heap_peak="$t_hp" m_heap_live="$t_hl"
      m_load="$t_load" m_status="$t_status"
      row "$size token pass" "$threads" "$events" "$bytes" 0 0
    fi
    for config in $configs; do
      args="$(hunt_args "$config" "$corpus")"
      if [ "$args" = SKIP ]; then
        continue
      fi
      findings="$log_dir/$size-$config-t$threads.findings.jsonl"
      # shellcheck disable=SC2086 # args is a list of options without spaces in its values.
      measure "$size-$config-t$threads" -jar "$cli_jar" hunt --threads "$threads" $args \
        --format jsonl --output "$findings" "$logs"
      row "$size $(config_label "$config")" "$threads" "$events" "$bytes" "$ts" "$tcpu"
      if [ "$m_status" = 0 ] || [ "$m_status" = 3 ]; then
        scores+=("$(score_line "$size $(config_label "$config"), threads: $threads" \
          "$corpus" "$findings")")
      fi
      hunt_rate["$size $config $threads"]="$(awk -v e="$events" -v s="$m_wall" -v c="$m_cpu" \
        'BEGIN { printf "%.0f %.0f", e / s, e / c }')"
    done
  done
done

# Detection scores after the table, so that the table stays one Markdown table.
if [ "${#scores[@]}" -gt 0 ]; then
  echo
  printf '%s\n' "${scores[@]}"
fi

# Scaling from the first to the last thread count, per corpus and configuration.
first_threads="${threads_list%% *}"
last_threads="${threads_list##* }"
if [ "$first_threads" != "$last_threads" ]; then
  echo
  for size in "$@"; do
    for config in $configs; do
      one="${hunt_rate["$size $config $first_threads"]:-}"
      all="${hunt_rate["$size $config $last_threads"]:-}"
      if [ -n "$one" ] && [ -n "$all" ]; then
        awk -v n="$size $(config_label "$config")" -v a="$first_threads" -v b="$last_threads" \
          -v one="$one" -v all="$all" 'BEGIN { split(one, x, " "); split(all, y, " ");
            printf "scaling %s, %d -> %d threads: %.2fx events/s (events/CPU-s %\047d -> %\047d)\n",
              n, a, b, y[1] / x[1], x[2], y[2] }'
      fi
    done
  done
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
