// The baseline is a byte-for-byte copy of the results.
File results = new File(basedir, 'results/summary.json')
File baseline = new File(basedir, 'target/recorded/baseline.json')
assert baseline.isFile()
assert baseline.bytes == results.bytes

String log = new File(basedir, 'build.log').text
assert log.contains('[INFO] cimflow check passed: 2 rules, 2 rows, 0 failed, 0 warnings')
true
