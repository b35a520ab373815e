// The table is printed in full, each violation on its own WARN line, then one failure lists it again.
String log = new File(basedir, 'build.log').text

assert log.contains('[INFO] run         metric               baseline  actual  change   limit   verdict')
assert log.contains('[INFO] B16_batch1  tops_per_w (TOPS/W)  2         1.8     -10.00%  >= 1.9  FAIL')
assert log.contains('[INFO] B16_batch1  latency (ms)         4         4.1     +2.50%   <= 4.2  PASS')
assert log.contains('[WARNING] FAIL: tops_per_w of run B16_batch1 dropped to 1.8 TOPS/W, below the limit 1.9 TOPS/W (baseline 2 TOPS/W, change -10.00%, tolerance 5%)')
assert log.contains('cimflow check failed: 1 of 2 rules failed')
assert log.contains('  - tops_per_w of run B16_batch1 dropped to 1.8 TOPS/W, below the limit 1.9 TOPS/W (baseline 2 TOPS/W, change -10.00%, tolerance 5%)')

File junit = new File(basedir, 'target/cimflow-reports/TEST-cimflow-check.xml')
assert junit.isFile()
assert junit.text.contains('tests="2" failures="1"')
assert new File(basedir, 'target/cimflow-reports/cimflow-check.md').isFile()
assert new File(basedir, 'target/cimflow-reports/cimflow-check.json').isFile()
true
