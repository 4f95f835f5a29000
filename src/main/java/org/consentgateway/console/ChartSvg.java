package org.consentgateway.console;

import java.util.List;
import java.util.Locale;
import org.consentgateway.console.Chart.Fill;
import org.consentgateway.console.Chart.Series;

/** Writes one {@link Chart}'s SVG: the element, its title and description, the hatch pattern, then the marks, every text escaped. */
final class ChartSvg {

  private static final String SOLID_FILL = "#1d4f91";
  private static final String HATCH_INK = "#942514";
  private static final int FONT = Chart.FONT;
  private static final String INK = Chart.INK;
  private static final int WIDTH = Chart.WIDTH;

  private final StringBuilder out = new StringBuilder(4096);
  private final String id;

  ChartSvg(String id, String title, String description, int height) {
    this.id = id;
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(id).append("\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ")
        .append(id).append("-desc\" focusable=\"false\" font-size=\"").append(FONT).append("\" fill=\"").append(INK).append("\">")
        .append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>")
        .append("<desc id=\"").append(id).append("-desc\">").append(escape(description)).append("</desc>")
        // Hatching: diagonal lines in the second ink over white, so a hatched bar reads apart from a solid one in grey too.
        .append("<defs><pattern id=\"").append(id).append("-hatched\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
        .append(" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>")
        .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"").append(HATCH_INK).append("\" stroke-width=\"3\"/>")
        .append("</pattern></defs>");
  }

  void legend(List<Series> series) {
    int x = 4;
    for (Series one : series) {
      swatch(x, 6, 16, 16, one.fill());
      text(x + 22, 6 + FONT, "start", one.name());
      x += 22 + textWidth(one.name()) + 16;
    }
  }

  /** About how wide {@code text} is drawn: a CJK glyph is a font size wide, a Latin one a little over half. */
  static int textWidth(String text) {
    return (int) Math.ceil(text.codePoints().mapToDouble(c -> c >= 0x2E80 ? FONT : FONT * 0.62).sum());
  }

  void bar(double x, double y, double width, double height, Series series, String tooltip, long value) {
    out.append("<rect class=\"bar\" data-series=\"").append(escape(series.name())).append("\" data-value=\"").append(value)
        .append('"');
    geometry(x, y, width, height);
    fill(series.fill());
    out.append("><title>").append(escape(tooltip)).append("</title></rect>");
  }

  private void swatch(double x, double y, double width, double height, Fill fill) {
    out.append("<rect");
    geometry(x, y, width, height);
    fill(fill);
    out.append("/>");
  }

  private void geometry(double x, double y, double width, double height) {
    out.append(" x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" width=\"").append(number(width))
        .append("\" height=\"").append(number(height)).append('"');
  }

  private void fill(Fill fill) {
    switch (fill) {
      case SOLID -> out.append(" fill=\"").append(SOLID_FILL).append('"');
      case HATCHED -> out.append(" fill=\"url(#").append(id).append("-hatched)\" stroke=\"").append(HATCH_INK)
          .append("\" stroke-width=\"1\"");
    }
  }

  void line(double x1, double y1, double x2, double y2, String stroke) {
    out.append("<line x1=\"").append(number(x1)).append("\" y1=\"").append(number(y1)).append("\" x2=\"").append(number(x2))
        .append("\" y2=\"").append(number(y2)).append("\" stroke=\"").append(stroke).append("\"/>");
  }

  void text(double x, double y, String anchor, String text) {
    out.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" text-anchor=\"").append(anchor)
        .append("\">").append(escape(text)).append("</text>");
  }

  String end() {
    return out.append("</svg>").toString();
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Text as SVG (XML) content or attribute value: markup characters and quotes escaped. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> {
          // A control character is no XML: dropped rather than written.
          if (c >= 0x20 || c == '\t' || c == '\n') {
            escaped.appendCodePoint(c);
          }
        }
      }
    });
    return escaped.toString();
  }
}
