// Absolute limits need no baseline; haltOnFailure=false turns the failure into warnings.
String log = new File(basedir, 'build.log').text

assert log.contains('[INFO] B16_batch1  latency (ms)         -         4       -       <= 3.5  WARN')
assert log.contains('[INFO] B16_batch1  tops_per_w (TOPS/W)  -         2       -       >= 2.5  FAIL')
assert log.contains('[WARNING] WARN: latency of run B16_batch1 is 4 ms, above the maximum 3.5 ms')
assert log.contains('[WARNING] FAIL: tops_per_w of run B16_batch1 is 2 TOPS/W, below the minimum 2.5 TOPS/W')
assert log.contains('[WARNING] haltOnFailure is false, so the build goes on')
assert log.contains('BUILD SUCCESS')
true
