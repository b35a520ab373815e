// One progress line per run, the summary table with both runs, and the summary files.
import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Exploring 2 runs with 2 thread(s) into target/cimflow/explore')
assert log =~ /\[INFO\] \[[12]\/2\] B8  latency=/
assert log =~ /\[INFO\] \[[12]\/2\] B16  latency=/
assert log =~ /\[INFO\] run  status  latency \(ms\)  average power \(mW\)  total energy \(pJ\) +TOPS +TOPS\/W/
assert log =~ /\[INFO\] B8   ok     +[0-9.]+ /
assert log =~ /\[INFO\] B16  ok     +[0-9.]+ /
assert log =~ /cimflow:explore finished 2 runs \(0 from cache, 0 failed\) in [0-9.]+ s/

def summary = new JsonSlurper().parse(new File(basedir, 'target/cimflow/explore/summary.json'))
assert summary.runs*.name == ['B8', 'B16']
assert summary.runs*.status == ['ok', 'ok']
assert summary.runs.every { it.metrics.tops_per_w > 0 && it.metrics.latency_ms > 0 }
assert new File(basedir, 'target/cimflow/explore/pom-batch.json').isFile()
true
