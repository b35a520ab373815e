package io.github.cimflow.cg;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlacementRendererTest {
    /** The torchvision export: its node names are long paths such as /layer4/layer4.1/conv2/Conv. */
    private static final Path MODEL = Path.of("../examples/models/resnet18_224.onnx");
    private static final int WHITE = 0xffffff;

    private static CgCompilation compilation;

    @BeforeAll
    static void compile() {
        assumeTrue(Files.exists(MODEL), MODEL + " is missing; run examples/models/export_models.py");
        System.setProperty("java.awt.headless", "true");
        Model model = OnnxImporter.load(MODEL, null);
        compilation = GraphCompiler.compileDetailed(model, HardwarePresets.preset(new ArchParams(8, 16, 16, 16)), 8,
                Strategy.DP);
    }

    /** Returns the index of the stage whose picture contains the longest layer name. */
    private static int stageWithLongestName() {
        int best = 0;
        int longest = 0;
        for (int s = 0; s < compilation.partition().stages().size(); s++) {
            for (int layer : compilation.partition().stages().get(s).layers()) {
                int length = compilation.layers().layer(layer).name().length();
                if (length > longest) {
                    longest = length;
                    best = s;
                }
            }
        }
        return best;
    }

    @Test
    void longLayerNamesLeaveRightMarginBlank() {
        int stage = stageWithLongestName();
        assertTrue(compilation.layers().layers().stream().anyMatch(l -> l.name().equals("/layer4/layer4.1/conv2/Conv")),
                "the model should carry torchvision's long node names");
        // 11 is the default size (7 pixels per character with DejaVu Sans Mono); 16 gives about 10.
        for (int size : new int[] {11, 16}) {
            BufferedImage image = PlacementRenderer.png(compilation, stage, new Font(Font.MONOSPACED, Font.PLAIN, size));
            int lastInkColumn = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                for (int y = 0; y < image.getHeight(); y++) {
                    if ((image.getRGB(x, y) & 0xffffff) != WHITE) {
                        lastInkColumn = x;
                    }
                }
            }
            // The margin is 20 pixels, and a glyph may overhang its advance by a pixel or two.
            assertTrue(lastInkColumn < image.getWidth() - 16, "font size " + size + ": ink in column "
                    + lastInkColumn + " of a picture " + image.getWidth() + " pixels wide");
        }
    }

    @Test
    void svgWidthFitsLongestLegendLine() {
        int stage = stageWithLongestName();
        String svg = PlacementRenderer.svg(compilation, stage);
        String longest = "";
        for (String line : svg.split("\n")) {
            if (line.startsWith("<text x=\"34\"")) {
                String text = line.substring(line.indexOf('>') + 1, line.indexOf("</text>"));
                longest = text.length() > longest.length() ? text : longest;
            }
        }
        // 20 margin + 14 to the text + 7 per character + 20 margin, because the text is wider than the 4x4 grid.
        assertTrue(14 + 7 * longest.length() > 4 * 56, longest);
        int expected = 20 + 14 + 7 * longest.length() + 20;
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + expected + "\""),
                svg.substring(0, 80));
    }
}
