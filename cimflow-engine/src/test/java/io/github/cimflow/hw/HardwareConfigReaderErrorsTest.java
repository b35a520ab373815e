package io.github.cimflow.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cimflow.CimflowException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each kind of mistake in a user file gets its own message naming the JSON path. */
class HardwareConfigReaderErrorsTest {
    /** Edits the default preset's JSON tree, reads it and returns the error message. */
    private static String readError(Consumer<ObjectNode> edit) {
        ObjectNode tree = HardwareConfigWriter.toTree(HardwarePresets.preset(ArchParams.DEFAULT));
        edit.accept(tree);
        CimflowException error = assertThrows(CimflowException.class,
                () -> HardwareConfigJson.read(tree.toString(), "hw.json", null));
        return error.getMessage();
    }

    private static ObjectNode cim(ObjectNode root) {
        return (ObjectNode) root.path("chip_config").path("core_config").path("cim_unit_config");
    }

    private static ObjectNode memory(ObjectNode root, int index) {
        return (ObjectNode) root.path("chip_config").path("core_config").path("local_memory_unit_config")
                .path("memory_list").get(index);
    }

    @Test
    void unknownKeyNamesNearest() {
        String message = readError(root -> cim(root).put("macro_grop_size", 8));

        assertEquals("hw.json: chip_config.core_config.cim_unit_config.macro_grop_size: unknown key; did you mean "
                + "'macro_group_size'? (keys starting with '_' are comments)", message);
    }

    @Test
    void unknownKeyInsideListEntry() {
        String message = readError(root -> ((ObjectNode) memory(root, 1).get("hardware_config"))
                .put("widht_byte", 128));

        assertEquals("hw.json: chip_config.core_config.local_memory_unit_config.memory_list[1].hardware_config"
                + ".widht_byte: unknown key; did you mean 'width_byte'? (keys starting with '_' are comments)", message);
    }

    @Test
    void missingRequiredFieldNamesPath() {
        String message = readError(root -> ((ObjectNode) cim(root).get("macro_size"))
                .remove("row_cnt_per_element"));

        assertEquals("hw.json: chip_config.core_config.cim_unit_config.macro_size.row_cnt_per_element: missing "
                + "required field; add it to chip_config.core_config.cim_unit_config.macro_size", message);
    }

    @Test
    void wrongTypeNamesValue() {
        String message = readError(root -> ((ObjectNode) root.get("chip_config")).put("core_cnt", "64"));

        assertEquals("hw.json: chip_config.core_cnt: expected an integer, found \"64\"", message);
    }

    @Test
    void olderLayoutKeyExplainsConversion() {
        String message = readError(root -> ((ObjectNode) root.path("chip_config").path("core_config")
                .path("local_memory_unit_config")).putArray("local_memory_list"));

        assertEquals("hw.json: chip_config.core_config.local_memory_unit_config.local_memory_list: this key belongs to "
                + "the older layout with per-memory addressing, which cimflow does not read; list local memories in "
                + "local_memory_unit_config.memory_list, the global memory in "
                + "global_memory_config.global_memory_unit_config.memory_list and the regions in "
                + "chip_config.address_space_config", message);
    }

    @Test
    void unknownMemoryTypeNamesNearest() {
        String message = readError(root -> memory(root, 0).put("type", "rom"));

        assertEquals("hw.json: chip_config.core_config.local_memory_unit_config.memory_list[0].type: unknown memory "
                + "type \"rom\"; did you mean \"ram\"? (types: ram, reg_buffer)", message);
    }

    @Test
    void unsupportedSparsityIsRejected() {
        String message = readError(root -> cim(root).put("bit_sparse", true));

        assertEquals("hw.json: chip_config.core_config.cim_unit_config.bit_sparse: true is not supported: cimflow "
                + "does not model bit sparsity; set it to false or remove the key", message);
    }

    @Test
    void addressRegionOfUnknownMemory() {
        String message = readError(root -> ((ObjectNode) root.path("chip_config").path("address_space_config")
                .get(1)).put("name", "input_memroy"));

        assertEquals("hw.json: chip_config.address_space_config[1].name: no memory named \"input_memroy\"; did you "
                + "mean \"input_memory\"?", message);
    }

    @Test
    void unknownDataMode() {
        String message = readError(root -> ((ObjectNode) root.get("sim_config")).put("data_mode", "fake_data"));

        assertEquals("hw.json: sim_config.data_mode: unknown value \"fake_data\"; use \"real_data\" or "
                + "\"not_real_data\"", message);
    }

    @Test
    void bothDataModeSpellingsAreAccepted() {
        for (String mode : new String[] {"not_real_data", "no_real_data", "real_data"}) {
            ObjectNode tree = HardwareConfigWriter.toTree(HardwarePresets.preset(ArchParams.DEFAULT));
            ((ObjectNode) tree.get("sim_config")).put("data_mode", mode);

            assertEquals(HardwarePresets.preset(ArchParams.DEFAULT),
                    HardwareConfigJson.read(tree.toString(), "hw.json", null), mode);
        }
    }

    @Test
    void identifierSetsMemoryRole() {
        ObjectNode tree = HardwareConfigWriter.toTree(HardwarePresets.preset(ArchParams.DEFAULT));
        memory(tree, 0).put("name", "sram0");
        ((ObjectNode) tree.path("chip_config").path("address_space_config").get(1)).put("name", "sram0");

        HardwareConfig config = HardwareConfigJson.read(tree.toString(), "hw.json", null);

        assertEquals("sram0", config.core().memory("input_memory").name());
        assertEquals(524_288, config.region("sram0").baseAddress());
    }

    @Test
    void commentKeysAreIgnored() {
        ObjectNode tree = HardwareConfigWriter.toTree(HardwarePresets.preset(ArchParams.DEFAULT));
        cim(tree).put("_note", "from the 28 nm tape-out");
        ((ObjectNode) tree.get("chip_config")).putObject("_comment").put("anything", 1);

        assertEquals(HardwarePresets.preset(ArchParams.DEFAULT),
                HardwareConfigJson.read(tree.toString(), "hw.json", null));
    }

    @Test
    void globalMemoryListMustHaveOneEntry() {
        String message = readError(root -> ((ArrayNode) root.path("chip_config").path("global_memory_config")
                .path("global_memory_unit_config").path("memory_list")).removeAll());

        assertEquals("hw.json: chip_config.global_memory_config.global_memory_unit_config.memory_list: found 0 "
                + "memories; list exactly one global memory", message);
    }

    @Test
    void missingNocTableNamesPath() {
        String message = readError(root -> ((ObjectNode) root.path("chip_config").path("network_config"))
                .put("network_config_file_path", "network/flit16dim8.json"));

        assertEquals("hw.json: chip_config.network_config.network_config_file_path: NoC table network/flit16dim8.json"
                + " not found; the path is relative to the configuration file's folder", message);
    }
}
