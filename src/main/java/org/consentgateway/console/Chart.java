package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import gg.jte.Content;
import gg.jte.TemplateOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A chart as inline SVG, drawn on the server: no script, no third-party code, nothing a strict CSP
 * refuses (presentation attributes only, never {@code style}). It scales with its {@code viewBox},
 * so it fits a phone. It is readable without colour: each series has its own fill pattern (solid or
 * hatched), named in a legend, and bars carry their numbers; the page puts the numbers in a table
 * after it too. Its accessible name is its {@code <title>} ({@code role="img"},
 * {@code aria-labelledby}). Every text is escaped ({@link ChartSvg}), so the template writes the chart as it is.
 */
public final class Chart implements Content {

  /** How a series is filled: told apart by shape, not only by colour. */
  public enum Fill {
    SOLID,
    HATCHED
  }

  /** A named series of a chart and its fill. */
  public record Series(String name, Fill fill) {
    public Series {
      requireNonNull(name, "name is null");
      requireNonNull(fill, "fill is null");
    }
  }

  /** One column (or bar) of a chart: its label and one value per series, stacked in series order. */
  public record Group(String label, List<Long> values) {
    public Group {
      requireNonNull(label, "label is null");
      values = List.copyOf(values);
      if (values.stream().anyMatch(value -> value < 0)) {
        throw new IllegalArgumentException("a chart's values are counts, 0 or more");
      }
    }

    long total() {
      return values.stream().mapToLong(Long::longValue).sum();
    }
  }

  // Narrow enough that its text still reads on a 360 px phone, where the chart is scaled down to the column.
  static final int WIDTH = 400;
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
  static final String INK = "#1b1b1b";
  private static final String LINE = "#b1b4b6";
  static final int FONT = 14;
  private static final int LEGEND_HEIGHT = 28;

  private final String svg;

  private Chart(String svg) {
    this.svg = svg;
  }

  /** The SVG element, escaped and ready to write into a page. */
  public String svg() {
    return svg;
  }

  @Override
  public void writeTo(TemplateOutput output) {
    output.writeContent(svg);
  }

  /**
   * Stacked columns, one per group (a day), with a value axis and its ticks; a label under every
   * few columns so that they never overlap.
   *
   * @param id unique in the page: the title's, description's and patterns' ids start with it
   */
  public static Chart columns(String id, String title, String description, List<Series> series, List<Group> groups) {
    check(id, series, groups);
    long max = niceMax(groups.stream().mapToLong(Group::total).max().orElse(0));
    // Room for the longest tick label, left of the axis.
    int left = 12 + ChartSvg.textWidth(Long.toString(max));
    int right = 8;
    int top = LEGEND_HEIGHT + 12;
    int plotHeight = 180;
    int bottom = 28;
    int plotWidth = WIDTH - left - right;
    ChartSvg out = new ChartSvg(id, title, description, top + plotHeight + bottom);
    out.legend(series);
    int baseline = top + plotHeight;
    for (long tick : ticks(max)) {
      int y = baseline - (int) Math.round((double) tick / max * plotHeight);
      out.line(left, y, WIDTH - right, y, LINE);
      out.text(left - 6, y + FONT / 3, "end", Long.toString(tick));
    }
    double band = (double) plotWidth / groups.size();
    double barWidth = Math.max(1, band * 0.7);
    int every = (int) Math.ceil(groups.size() / 6.0);
    for (int i = 0; i < groups.size(); i++) {
      Group group = groups.get(i);
      double x = left + i * band + (band - barWidth) / 2;
      double y = baseline;
      for (int s = 0; s < series.size(); s++) {
        long value = group.values().get(s);
        if (value > 0) {
          double height = (double) value / max * plotHeight;
          y -= height;
          out.bar(x, y, barWidth, height, series.get(s), group.label() + ": " + series.get(s).name() + " " + value, value);
        }
      }
      if (i % every == 0) {
        // Centred under its column, unless that would run past the chart's right edge (a month's "2026-12").
        double centre = left + i * band + band / 2;
        boolean fits = centre + ChartSvg.textWidth(group.label()) / 2.0 <= WIDTH;
        out.text(fits ? centre : WIDTH, baseline + FONT + 4, fits ? "middle" : "end", group.label());
      }
    }
    out.line(left, baseline, WIDTH - right, baseline, INK);
    out.line(left, top, left, baseline, INK);
    return new Chart(out.end());
  }

  /**
   * Horizontal bars, one per group, each under its label with its total written at its end: no
   * reader needs the axis to read a number.
   *
   * @param id unique in the page: the title's, description's and patterns' ids start with it
   */
  public static Chart bars(String id, String title, String description, List<Series> series, List<Group> groups) {
    check(id, series, groups);
    int left = 4;
    int valueRoom = 64;
    int rowHeight = 44;
    int top = series.size() > 1 ? LEGEND_HEIGHT + 8 : 4;
    ChartSvg out = new ChartSvg(id, title, description, top + rowHeight * groups.size() + 4);
    if (series.size() > 1) {
      out.legend(series);
    }
    long max = Math.max(1, groups.stream().mapToLong(Group::total).max().orElse(0));
    int plotWidth = WIDTH - left - valueRoom;
    for (int i = 0; i < groups.size(); i++) {
      Group group = groups.get(i);
      int rowTop = top + i * rowHeight;
      out.text(left, rowTop + FONT, "start", group.label());
      double x = left;
      for (int s = 0; s < series.size(); s++) {
        long value = group.values().get(s);
        if (value > 0) {
          double width = Math.max(2, (double) value / max * plotWidth);
          out.bar(x, rowTop + 20, width, 16, series.get(s), group.label() + ": " + series.get(s).name() + " " + value, value);
          x += width;
        }
      }
      out.text(x + 6, rowTop + 33, "start", Long.toString(group.total()));
    }
    return new Chart(out.end());
  }

  private static void check(String id, List<Series> series, List<Group> groups) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a chart's id is lower-case letters, digits and '-': " + id);
    }
    if (series.isEmpty() || groups.isEmpty()) {
      throw new IllegalArgumentException("a chart needs a series and a group: say there is nothing to show instead");
    }
    for (Group group : groups) {
      if (group.values().size() != series.size()) {
        throw new IllegalArgumentException("each group has one value per series");
      }
    }
  }

  /** The axis's top: 1, 2 or 5 times a power of ten, at least {@code max} and at least 1. */
  static long niceMax(long max) {
    long power = 1;
    while (true) {
      for (long step : new long[] {1, 2, 5}) {
        if (step * power >= max) {
          return Math.max(1, step * power);
        }
      }
      power *= 10;
    }
  }

  /** The ticks from 0 to {@code max} (a {@link #niceMax}), at most six, each a round whole number. */
  static List<Long> ticks(long max) {
    long step;
    if (max < 5) {
      step = 1;
    } else if (Long.toString(max).charAt(0) == '2') {
      step = max / 4;
    } else {
      step = max / 5;
    }
    List<Long> ticks = new ArrayList<>();
    for (long tick = 0; tick <= max; tick += step) {
      ticks.add(tick);
    }
    return List.copyOf(ticks);
  }


}
