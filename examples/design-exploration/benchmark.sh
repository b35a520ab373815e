#!/bin/bash
# Times design-space exploration from a cold JVM: the seed example computed, the same with every run
# cached, and the 96-point grid. Build first (mvn -B package -DskipTests at the repository root).
# THREADS sets --threads (default: the number of processors).
set -euo pipefail
cd "$(dirname "$0")"
cimflow=../../cimflow-engine/target/bin/cimflow
threads=${THREADS:-$(nproc)}
TIMEFORMAT='%R s wall, %U s user, %S s system'

rm -rf output/exploration output/grid96
echo "machine: $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo -n "seed example (4 runs), computed: "
{ time "$cimflow" run from-file exploration.json --threads "$threads" > /dev/null; } 2>&1
echo -n "seed example (4 runs), all cached: "
{ time "$cimflow" run from-file exploration.json --threads "$threads" > /dev/null; } 2>&1
echo -n "96-point grid, computed: "
{ time "$cimflow" run from-file grid96.json --threads "$threads" > /dev/null; } 2>&1
