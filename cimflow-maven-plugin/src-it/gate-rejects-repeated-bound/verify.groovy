// Maven would keep the last <maximum>; the goal rejects the rule instead and names it.
String log = new File(basedir, 'build.log').text

assert log.contains('<rules>/<rule>[1] gives <maximum> more than once; keep one <maximum>')
assert !new File(basedir, 'target/cimflow-reports').exists()
true
