package io.github.cimflow.op;

import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgMetadata;
import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.CgStage;
import io.github.cimflow.hw.ArchParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small CG programs by hand for the OP compiler tests. */
final class CgPrograms {
    private CgPrograms() {
    }

    static CgOp op(String name, Object... keyValues) {
        Map<String, Object> attr = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            attr.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new CgOp(name, attr);
    }

    static List<Integer> ints(int... values) {
        List<Integer> list = new ArrayList<>();
        for (int value : values) {
            list.add(value);
        }
        return list;
    }

    /** Builds a program for a square mesh where core i runs stagesByCore.get(i) (null or missing: no stages). */
    static CgProgram program(ArchParams arch, List<List<CgStage>> stagesByCore) {
        int side = (int) Math.round(Math.sqrt(arch.coreCount()));
        List<CgCore> cores = new ArrayList<>();
        for (int id = 0; id < arch.coreCount(); id++) {
            List<CgStage> stages = id < stagesByCore.size() && stagesByCore.get(id) != null ? stagesByCore.get(id)
                    : List.of();
            cores.add(new CgCore(id / side, id % side, stages));
        }
        CgMetadata metadata = new CgMetadata(1000, "tiny", "dp", arch, 1, "digest", ints(1, 4, 4, 4));
        return new CgProgram(metadata, cores);
    }

    static CgStage stage(int index, CgOp... ops) {
        return new CgStage(index, "cluster", 0, List.of(ops));
    }
}
