package io.github.cimflow.hw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Operations on whole configurations that every stage needs. */
public final class HardwareConfigs {
    private HardwareConfigs() {
    }

    /**
     * SHA-256 (lower-case hex) identifying a configuration: equal for equal configurations, different
     * when any number changes. Computed from the record's text form, which lists every field in
     * declaration order and formats doubles independently of the locale.
     */
    public static String digest(HardwareConfig config) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(config.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
