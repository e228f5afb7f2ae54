#!/usr/bin/env bash
# Builds target/benchmarks.jar and runs the JMH benchmarks of the Sigma engine.
#
# Usage: skywarden-bench/run.sh [JMH options...]
#   With no option it runs every benchmark with: one fork (-f 1), three warm-up iterations
#   (-wi 3) and five measured iterations (-i 5) of 2 seconds each, one thread. Any options given
#   replace these defaults, e.g.:
#     skywarden-bench/run.sh 'SigmaBenchmark.match' -p rules=builtin -f 2 -wi 5 -i 10
#     skywarden-bench/run.sh -prof jfr          # adds a JFR recording per benchmark
#   The benchmarks read the SigmaHQ rules and Stratus Red Team logs from the shared data folder
#   beside the checkout (../shared/data), or from SKYWARDEN_SHARED_DIR when it is set.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$bench_dir")"
shared_dir="${SKYWARDEN_SHARED_DIR:-$repo_dir/../shared}"

(cd "$repo_dir" && mvn -q -B package -DskipTests -pl skywarden-bench -am)

if [ "$#" -eq 0 ]; then
  set -- -f 1 -wi 3 -i 5 -w 2s -r 2s -t 1
fi
exec java -Dskywarden.shared.dir="$shared_dir" -jar "$bench_dir/target/benchmarks.jar" "$@"
