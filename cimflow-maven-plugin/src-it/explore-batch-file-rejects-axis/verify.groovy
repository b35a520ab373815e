// The property would be ignored by a batch file, so the goal rejects it and runs nothing.
String log = new File(basedir, 'build.log').text

assert log.contains('property cimflow.b cannot change the runs of <batchFile> ')
assert log.contains('; edit the batch file, or drop the batch file to sweep the POM\'s runs with -Dcimflow.b')
assert !log.contains('Exploring ')
true
