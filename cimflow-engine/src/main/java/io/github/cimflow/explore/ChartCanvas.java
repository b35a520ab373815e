package io.github.cimflow.explore;

/** The drawing operations a {@link Chart} needs, in pixels with y growing downwards. */
interface ChartCanvas {
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, int rgb, double width);

    void dot(double x, double y, double radius, int rgb);

    /** Draws text with its baseline at y; {@code vertical} rotates it 90° counter-clockwise around (x, y). */
    void text(double x, double y, String text, double size, Anchor anchor, int rgb, boolean vertical);
}
