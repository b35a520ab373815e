// The invoker appends the log of the second build to build.log.
String log = new File(basedir, 'build.log').text
assert log.contains('cimflow:explore finished 2 runs (0 from cache, 0 failed)')
assert log.contains('cimflow:explore finished 2 runs (2 from cache, 0 failed)')
assert log =~ /\[INFO\] \[[12]\/2\] B8  latency=.*\(cached: model, configuration and engine unchanged\)/
assert log =~ /\[INFO\] B8   ok \(cached\)/
true
