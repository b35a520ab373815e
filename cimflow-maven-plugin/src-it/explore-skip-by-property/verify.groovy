String log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping cimflow:explore because cimflow.skip is true')
assert !new File(basedir, 'target/cimflow').exists()
true
