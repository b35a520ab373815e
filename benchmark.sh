#!/bin/bash
# Prints the speed and memory figures that docs/benchmarks.md records:
#   1. cimflow run pipeline on the CIFAR ResNet18 (batch 8, defaults) from a cold JVM, with the heap
#      limited to 1 GB: wall and CPU time, maximum resident memory;
#   2. the simulator: simulated instructions per CPU second and bytes allocated per instruction for
#      the synthetic kernels and the compiled ResNet18, then JMH's throughput and GC profile;
#   3. design-space exploration: the tutorial example computed and fully cached, and the 96-point
#      grid (examples/design-exploration/benchmark.sh).
# Build first (mvn -B package -DskipTests). MVN_ARGS adds Maven options for compiling the benchmark
# classes (for example "-o -Dmaven.repo.local=..."). QUICK=1 skips the JMH run and the grid.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
engine=$root/cimflow-engine
cimflow=$engine/target/bin/cimflow
model=$root/examples/models/resnet18_cifar.onnx
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -x "$cimflow" ]; then
  echo "error: $cimflow not found; build with mvn -B package -DskipTests first" >&2
  exit 1
fi

load() {
  cut -d' ' -f1-3 /proc/loadavg
}

# Runs a command with its output discarded and prints wall, user and system time and the maximum
# resident set (GNU time), or wall, user and system time alone (the shell's time).
timed() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e s wall, %U s user, %S s system, %M KB max resident" "$@" > /dev/null 2> "$work/time"
    tail -1 "$work/time"
  else
    local TIMEFORMAT='%R s wall, %U s user, %S s system'
    { time "$@" > /dev/null 2>&1; } 2>&1
  fi
}

echo "machine: $(nproc) processors, $(java -version 2>&1 | head -1)"

echo
echo "== run pipeline, CIFAR ResNet18, batch 8, defaults, cold JVM, -Xmx1g (load $(load))"
for run in 1 2 3; do
  echo -n "  run $run: "
  timed env CIMFLOW_OPTS="-Xmx1g ${CIMFLOW_OPTS:-}" "$cimflow" run pipeline -m "$model" -o "$work/pipeline"
done

echo
echo "== simulator, one thread (load $(load))"
if [ ! -f "$engine/target/test-classpath.txt" ] || [ ! -d "$engine/target/test-classes/io/github/cimflow/sim/bench" ]; then
  (cd "$engine" && mvn -B -ntp -q ${MVN_ARGS:-} test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test)
fi
classpath=$engine/target/test-classes:$engine/target/classes:$(cat "$engine/target/test-classpath.txt")
"$cimflow" run pipeline -m "$model" -o "$work/ir" --keep-ir > /dev/null
isa=$(ls "$work"/ir/isa_instructions_*.json)
java -cp "$classpath" io.github.cimflow.sim.bench.SimulatorThroughput scalarLoop 20
java -cp "$classpath" io.github.cimflow.sim.bench.SimulatorThroughput kernel 20
java -cp "$classpath" io.github.cimflow.sim.bench.SimulatorThroughput file "$isa" 10 | sed "s#^file#CIFAR ResNet18 program#"
if [ "${QUICK:-0}" != 1 ]; then
  echo "JMH (ops/s = simulated instructions per wall second; B/op = bytes allocated per instruction):"
  java -cp "$classpath" org.openjdk.jmh.Main 'SimulatorBenchmark.(scalarLoop|kernelTimingOnly)' -prof gc \
      -wi 1 -w 2 -i 3 -r 2 -f 1 | grep -E '^SimulatorBenchmark\.[A-Za-z]+(:gc\.alloc\.rate\.norm)? ' || true
fi

echo
echo "== design-space exploration (load $(load))"
if [ "${QUICK:-0}" != 1 ]; then
  "$root/examples/design-exploration/benchmark.sh"
else
  cd "$root/examples/design-exploration"
  rm -rf output/exploration
  echo -n "tutorial example (4 runs), computed: "
  timed "$cimflow" run from-file exploration.json
  echo -n "tutorial example (4 runs), all cached: "
  timed "$cimflow" run from-file exploration.json
fi
echo "load after the runs: $(load)"
