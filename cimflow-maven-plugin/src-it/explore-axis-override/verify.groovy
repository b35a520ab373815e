import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text
assert log.contains('[INFO] -Dcimflow.b=4,32 replaces the b axis of every run')
def summary = new JsonSlurper().parse(new File(basedir, 'target/cimflow/explore/summary.json'))
assert summary.runs*.name == ['B4', 'B32']
assert summary.runs*.params*.b == [4, 32]
true
