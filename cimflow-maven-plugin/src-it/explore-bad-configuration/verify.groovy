String log = new File(basedir, 'build.log').text
assert log.contains('cimflow:explore: <runs>/<run>[2]/<c> = 12 is invalid: the core count must be a perfect square because the cores form a square mesh; use 9 or 16')
assert !new File(basedir, 'target/cimflow/explore/summary.json').exists()
true
