// A change in the better direction never fails, however large.
String log = new File(basedir, 'build.log').text

assert log.contains('[INFO] B16_batch1  tops_per_w (TOPS/W)  2         2.5     +25.00%  >= 1.9  PASS')
assert log.contains('[INFO] B16_batch1  latency (ms)         4         3       -25.00%  <= 4.2  PASS')
assert log.contains('[INFO] cimflow check passed: 2 rules, 2 rows, 0 failed, 0 warnings')
true
