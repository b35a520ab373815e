// Results land under target/cimflow/<output_dir>, never in the source tree.
String log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Batch file exploration.json: output_dir re-rooted to target/cimflow/output/exploration')
assert new File(basedir, 'target/cimflow/output/exploration/summary.json').isFile()
assert new File(basedir, 'target/cimflow/output/exploration/simulation_report_B8_batch1.txt').isFile()
assert !new File(basedir, 'output').exists()
true
