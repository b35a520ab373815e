package io.github.cimflow.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
    @TempDir
    Path folder;

    @Test
    void noFileGivesPreset() {
        ArchParams knobs = new ArchParams(4, 16, 8, 16);

        assertEquals(HardwarePresets.preset(knobs), ConfigResolver.resolve(knobs, null, null));
    }

    @Test
    void configDirFindsFileByTAndB() {
        ArchParams knobs = new ArchParams(12, 16, 8, 64);
        HardwareConfigJson.write(HardwarePresets.preset(knobs), folder.resolve("config-mg12-b8.json"));

        assertEquals(HardwarePresets.preset(knobs), ConfigResolver.resolve(knobs, null, folder));
    }

    @Test
    void configDirWithoutMatchListsAvailable() throws Exception {
        Files.writeString(folder.resolve("config-mg8-b16.json"), "{}");
        Files.writeString(folder.resolve("config-mg4-b8.json"), "{}");
        Files.writeString(folder.resolve("notes.json"), "{}");

        CimflowException error = assertThrows(CimflowException.class,
                () -> ConfigResolver.resolve(new ArchParams(16, 16, 16, 64), null, folder));

        assertEquals(folder.resolve("config-mg16-b16.json") + ": no configuration for T=16, B=16; available in "
                + folder + ": config-mg4-b8.json, config-mg8-b16.json (pick -t and -b to match one, or pass "
                + "--config FILE)", error.getMessage());
    }

    @Test
    void fileDisagreeingOnCoreCountNamesBoth() {
        Path file = folder.resolve("hw.json");
        HardwareConfigJson.write(HardwarePresets.preset(new ArchParams(8, 16, 16, 16)), file);

        CimflowException error = assertThrows(CimflowException.class,
                () -> ConfigResolver.resolve(ArchParams.DEFAULT, file, null));

        assertEquals(file + ": chip_config.core_cnt is 16 but -c/--core-num is 64; pass -c 16 to match the file, "
                + "or edit the file", error.getMessage());
    }

    @Test
    void fileDisagreeingOnGroupCountNamesBoth() {
        Path file = folder.resolve("hw.json");
        HardwareConfigJson.write(HardwarePresets.preset(new ArchParams(8, 32, 16, 64)), file);

        CimflowException error = assertThrows(CimflowException.class,
                () -> ConfigResolver.resolve(ArchParams.DEFAULT, file, null));

        assertEquals(file + ": chip_config.core_config.cim_unit_config.macro_total_cnt / macro_group_size (256 / 8) "
                + "is 32 but -k/--mg-num is 16; pass -k 32 to match the file, or edit the file", error.getMessage());
    }

    @Test
    void fileDisagreeingOnFlitBytesNamesBoth() {
        Path file = folder.resolve("hw.json");
        HardwareConfigJson.write(HardwarePresets.preset(new ArchParams(8, 16, 8, 64)), file);

        CimflowException error = assertThrows(CimflowException.class,
                () -> ConfigResolver.resolve(ArchParams.DEFAULT, file, null));

        assertEquals(file + ": chip_config.network_config.bus_width_byte is 8 but -b/--bandwidth is 16; pass -b 8 "
                + "to match the file, or edit the file", error.getMessage());
    }

    @Test
    void fileDisagreeingOnGroupSizeNamesBoth() {
        Path file = folder.resolve("hw.json");
        HardwareConfigJson.write(HardwarePresets.preset(new ArchParams(4, 16, 16, 64)), file);

        CimflowException error = assertThrows(CimflowException.class,
                () -> ConfigResolver.resolve(ArchParams.DEFAULT, file, null));

        assertEquals(file + ": chip_config.core_config.cim_unit_config.macro_group_size is 4 but -t/--mg-size is 8; "
                + "pass -t 4 to match the file, or edit the file", error.getMessage());
    }

    @Test
    void invalidPresetIsRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> ConfigResolver.resolve(new ArchParams(8, 16, 16, 128), null, null));

        assertEquals("preset T8_K16_B16_C128: chip_config.core_cnt: 128 is not a perfect square, but the cores sit "
                + "on a √C×√C mesh; use 121 or 144 (CIMFlow's docs show -c 128, which its partitioner cannot place "
                + "either)", error.getMessage());
    }
}
