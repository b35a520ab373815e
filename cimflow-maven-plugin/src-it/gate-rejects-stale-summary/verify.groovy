// The summary.json in results/ has C=16 runs; this build sets C=4, so the check must fail before explore runs.
String log = new File(basedir, 'build.log').text
String folder = new File(basedir, 'results').canonicalPath

assert log.contains('summary.json in ' + folder + ' was written for a different configuration (run B16_batch1: c=16, configured c=4 by property cimflow.c); run cimflow:explore before cimflow:check, for example by listing both goals in one execution or by binding check to a later phase')
assert !log.contains('cimflow check passed')
assert !log.contains('Exploring ')
true
