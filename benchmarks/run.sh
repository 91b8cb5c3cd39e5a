#!/usr/bin/env bash
# benchmarks/run.sh — issues 6 and 17's figures in one run, written to BENCHMARKS.md at the repository root.
#
# Builds the Lambda artifact, the CLI (through ./pipeline, which also makes its class-data-sharing
# archive) and the benchmarks, makes the benchmark workbooks from the READY sample, then runs: the
# cold harness (a fresh JVM per run with the Lambda runtime's flags; baselines A and W, floor B, the
# subject and its variants, the annotated copy and the previous annotator, the CLI's start-up as whole
# processes; RUNS runs each, default 9), the warm JMH benchmarks (1 fork, 3 warm-up and 5 measured
# iterations of 2 s) with a cross-check in short rounds, and the local runtime's load run
# (./pipeline load --uploads 300, LOAD_RUNS times, 5 by default; the medians are reported). About 25
# minutes on 2 cores. MACHINE_NOTE is added to the machine's line (e.g. that it was shared). Output:
# BENCHMARKS.md, and the raw results in benchmarks/target/bench/.
set -euo pipefail

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/benchmarks/target/bench"
RUNS="${RUNS:-9}"
JMH_SETTINGS=(-f 1 -wi 3 -i 5 -w 2s -r 2s)

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="$(command -v java)"
fi
step() { echo "[$(date +%H:%M:%S)] $*" >&2; }

step "building the Lambda artifacts and the benchmarks"
./mvnw -q -B -pl functions,benchmarks -am package -DskipTests >&2
step "building the CLI and its class-data-sharing archive (./pipeline help)"
./pipeline help >/dev/null
mkdir -p "$OUT"
CP="$ROOT/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
PROBE_JAR="$(ls benchmarks/target/benchmarks-*.jar | head -n 1)"
ARTIFACTS="$ROOT/functions/target/lambda"
# The cold subject runs on the aggregate family's artifact (the report and the annotated copy).
LAMBDA_JAR="$ARTIFACTS/aggregate.jar"

step "making the workbooks"
"$JAVA" -cp "$CP" dev.intake.bench.Workbooks test-events/workbooks/ready.xlsx "$OUT/workbooks" >&2

step "cold: fresh JVMs, $RUNS runs per probe"
"$JAVA" -cp "$CP" dev.intake.bench.ColdHarness \
  --lambda-jar "$LAMBDA_JAR" --clients-jar "$ARTIFACTS/intake.jar" --probe-classes "$PROBE_JAR" \
  --poi-classpath "$(cat benchmarks/target/poi-classpath.txt)" \
  --workbooks "$OUT/workbooks" --work "$OUT/work" --runs "$RUNS" --out "$OUT/cold.json" \
  --repo-root "$ROOT" --cli-archive "$ROOT/local/target/pipeline.jsa" \
  --cli-classpath "$(ls "$ROOT"/local/target/local-*.jar | grep -v -- '-tests.jar' | head -n 1):$(cat local/target/classpath.txt)"

step "warm: JMH ${JMH_SETTINGS[*]}"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main 'dev.intake.bench.WarmBenchmarks' "${JMH_SETTINGS[@]}" -foe true \
  -jvmArgsAppend "-Dbench.workbooks=$OUT/workbooks" -rf json -rff "$OUT/jmh.json" >&2

step "warm: rounds cross-check (A, B, parse + rules, W and the annotated copy back to back, 5 times)"
"$JAVA" -cp "$CP" dev.intake.bench.WarmRounds "$OUT/workbooks" "$OUT/rounds.json"

LOAD_ARGS=()
LOAD_RUNS="${LOAD_RUNS:-5}"
rm -f "$OUT"/load*.txt
# The lead adds the load run to the CLI; look for it in the sources rather than building the CLI to ask.
if grep -Eqs '"load"' local/src/main/java/dev/intake/cli/*.java; then
  load_files=()
  load_exits=()
  for i in $(seq 1 "$LOAD_RUNS"); do
    step "load $i of $LOAD_RUNS: ./pipeline load --uploads 300"
    set +e
    ./pipeline load --uploads 300 > "$OUT/load-$i.txt" 2>&1
    load_exits+=("$?")
    set -e
    load_files+=("$OUT/load-$i.txt")
  done
  LOAD_ARGS=(--load "$(IFS=,; echo "${load_files[*]}")" --load-exit "$(IFS=,; echo "${load_exits[*]}")")
else
  step "load: ./pipeline has no load command; that row is left to the lead"
fi

step "writing BENCHMARKS.md"
"$JAVA" -cp "$CP" dev.intake.bench.ReportWriter --cold "$OUT/cold.json" --jmh "$OUT/jmh.json" \
  --rounds "$OUT/rounds.json" \
  --artifacts "$ARTIFACTS" --workbooks "$OUT/workbooks" --date "$(date -u +%Y-%m-%d)" \
  --machine-note "${MACHINE_NOTE:-}" \
  --jmh-settings "${JMH_SETTINGS[*]} (1 fork, 3 warm-up and 5 measured iterations of 2 s), default JVM flags" \
  "${LOAD_ARGS[@]}" --out "$ROOT/BENCHMARKS.md"
step "done: BENCHMARKS.md"
