String stem = 'tinynet_trained_dp_T8_K16_B16_C16_batch1'
File folder = new File(basedir, 'target/cimflow/simulate')
String log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] \[1\/1\] ${stem}  latency=/
assert log =~ /cimflow:simulate finished 1 model\(s\) into .* in [0-9.]+ s/
String report = new File(folder, "simulation_report_${stem}.txt").text
assert report.contains('TOPS/W')
assert new File(folder, 'summary.json').isFile()
true
