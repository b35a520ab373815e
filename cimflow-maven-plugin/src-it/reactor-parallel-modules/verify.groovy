import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
['narrow': 8, 'wide': 32].each { module, b ->
    def summary = new JsonSlurper().parse(new File(basedir, module + '/target/cimflow/explore/summary.json'))
    assert summary.runs.size() == 1
    assert summary.runs[0].status == 'ok'
    assert summary.runs[0].params.b == b
}
true
