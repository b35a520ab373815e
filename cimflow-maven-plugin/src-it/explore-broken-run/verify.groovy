import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] \[1\/2\] good  latency=/
assert log =~ /\[WARNING\] \[2\/2\] broken  FAILED/
assert log.contains('1 of 2 runs failed:')
assert log =~ /  - broken: .*broken\.onnx/
def summary = new JsonSlurper().parse(new File(basedir, 'target/cimflow/explore/summary.json'))
assert summary.runs*.status == ['ok', 'failed']
true
