// Values exactly at the limit pass; the whole table is still printed.
String log = new File(basedir, 'build.log').text

assert log.contains('[INFO] B16_batch1  tops_per_w (TOPS/W)  2         1.9     -5.00%  >= 1.9  PASS')
assert log.contains('[INFO] B16_batch1  latency (ms)         4         4.2     +5.00%  <= 4.2  PASS')
assert log.contains('[INFO] cimflow check passed: 2 rules, 2 rows, 0 failed, 0 warnings')
assert !log.contains('[WARNING]')
assert new File(basedir, 'target/cimflow-reports/TEST-cimflow-check.xml').text.contains('tests="2" failures="0"')
true
