// A missing baseline is a failure, not a quiet skip, and the message says how to create it.
String log = new File(basedir, 'build.log').text
String baseline = new File(basedir, 'src/cimflow/baseline.json').canonicalPath

assert log.contains('baseline file ' + baseline + ' not found; record the current results as the baseline with mvn cimflow:update-baseline (or cimflow check --results SUMMARY --baseline ' + baseline + ' --update-baseline), review it and commit it')
assert !new File(basedir, 'target/cimflow-reports').exists()
true
