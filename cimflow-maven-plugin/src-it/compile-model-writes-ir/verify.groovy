import groovy.json.JsonSlurper

String stem = 'tinynet_trained_dp_T8_K16_B16_C16_batch1'
File folder = new File(basedir, 'target/cimflow/compile-model')
String log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] ${stem}: [0-9]+ cores, [0-9]+ instructions -> /
assert log =~ /\[INFO\] Compiled ${stem} in [0-9.]+ s/

def cg = new JsonSlurper().parse(new File(folder, "instructions_${stem}.json"))
assert cg.metadata != null
assert new File(folder, "isa_instructions_${stem}.json").length() > 0
assert new File(folder, "isa_instructions_${stem}.asm").length() > 0
assert !new File(folder, "simulation_report_${stem}.txt").exists()
true
