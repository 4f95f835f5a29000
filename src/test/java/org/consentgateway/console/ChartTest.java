package org.consentgateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.consentgateway.console.Chart.Fill;
import org.consentgateway.console.Chart.Group;
import org.consentgateway.console.Chart.Series;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The SVG charts the console draws: well-formed markup named by its title, a bar per non-zero
 * value with its number, patterns that tell series apart without colour, labels and text escaped,
 * and nothing a strict CSP refuses (no {@code style}).
 */
class ChartTest {

  private static final List<Series> OUTCOMES = List.of(new Series("Allowed", Fill.SOLID), new Series("Refused", Fill.HATCHED));

  @Test
  void columnsAreWellFormedSvgNamedByTheirTitleWithABarPerValue() throws Exception {
    Chart chart = Chart.columns("purpose-1", "Queries per day", "Allowed then refused", OUTCOMES, List.of(
        new Group("12-01", List.of(3L, 1L)), new Group("12-02", List.of(0L, 0L)), new Group("12-03", List.of(7L, 0L))));

    Document svg = parse(chart.svg());
    Element root = svg.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("svg");
    assertThat(root.getAttribute("role")).isEqualTo("img");
    assertThat(root.getAttribute("aria-labelledby")).isEqualTo("purpose-1-title purpose-1-desc");
    assertThat(root.getAttribute("viewBox")).startsWith("0 0 " + Chart.WIDTH + " ");
    assertThat(text(svg, "title").get(0)).isEqualTo("Queries per day");
    assertThat(text(svg, "desc")).containsExactly("Allowed then refused");

    List<String> bars = new ArrayList<>();
    NodeList rects = svg.getElementsByTagName("rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element rect = (Element) rects.item(i);
      if ("bar".equals(rect.getAttribute("class"))) {
        bars.add(rect.getAttribute("data-series") + "=" + rect.getAttribute("data-value") + " fill " + rect.getAttribute("fill"));
      }
    }
    assertThat(bars).containsExactly("Allowed=3 fill #1d4f91", "Refused=1 fill url(#purpose-1-hatched)", "Allowed=7 fill #1d4f91");
    assertThat(text(svg, "text")).contains("Allowed", "Refused", "12-01", "0", "10");
    assertThat(chart.svg()).doesNotContain("style");
  }

  @Test
  void barsWriteEachTotalAtTheEndAndNeedNoLegendForOneSeries() throws Exception {
    Chart chart = Chart.bars("refusals", "Refused, by reason", "One bar per reason",
        List.of(new Series("Refused", Fill.HATCHED)), List.of(new Group("consent_invalid", List.of(12L)),
            new Group("purpose_mismatch", List.of(1L))));

    Document svg = parse(chart.svg());
    assertThat(text(svg, "text")).containsExactly("consent_invalid", "12", "purpose_mismatch", "1");
    assertThat(svg.getElementsByTagName("pattern").getLength()).isEqualTo(1);
    assertThat(chart.svg()).doesNotContain("style");
  }

  @Test
  void stackedBarsHaveALegendWhoseSwatchesMatchTheirSeries() throws Exception {
    Chart chart = Chart.bars("institutions", "By institution", "Allowed then refused", OUTCOMES,
        List.of(new Group("91350100M000100Y43", List.of(5L, 2L))));

    Document svg = parse(chart.svg());
    assertThat(text(svg, "text")).containsExactly("Allowed", "Refused", "91350100M000100Y43", "7");
  }

  @Test
  void everyTextIsEscaped() throws Exception {
    String hostile = "<script>alert('x')</script> & \"quoted\"";
    Chart chart = Chart.bars("hostile", hostile, hostile, List.of(new Series(hostile, Fill.SOLID)),
        List.of(new Group(hostile, List.of(1L))));

    assertThat(chart.svg()).doesNotContain("<script").doesNotContain("'x'")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
    Document svg = parse(chart.svg());
    assertThat(svg.getElementsByTagName("script").getLength()).isZero();
    assertThat(text(svg, "title").get(0)).isEqualTo(hostile);
    assertThat(ChartSvg.escape("a\u0000b\u001bc")).isEqualTo("abc");
  }

  @Test
  void theAxisEndsOnARoundNumberWithRoundTicks() {
    assertThat(Chart.niceMax(0)).isEqualTo(1);
    assertThat(Chart.niceMax(3)).isEqualTo(5);
    assertThat(Chart.niceMax(11)).isEqualTo(20);
    assertThat(Chart.niceMax(200)).isEqualTo(200);
    assertThat(Chart.niceMax(201)).isEqualTo(500);
    assertThat(Chart.ticks(1)).containsExactly(0L, 1L);
    assertThat(Chart.ticks(5)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(Chart.ticks(20)).containsExactly(0L, 5L, 10L, 15L, 20L);
    assertThat(Chart.ticks(500)).containsExactly(0L, 100L, 200L, 300L, 400L, 500L);
  }

  @Test
  void aChartOfNothingOrWithAnUnsafeIdIsRefused() {
    assertThatThrownBy(() -> Chart.columns("empty", "t", "d", OUTCOMES, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Chart.bars("a\" onload=\"x", "t", "d", OUTCOMES, List.of(new Group("g", List.of(1L, 1L)))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Chart.bars("short", "t", "d", OUTCOMES, List.of(new Group("g", List.of(1L)))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Group("g", List.of(-1L))).isInstanceOf(IllegalArgumentException.class);
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** The text of every {@code tag} element not inside a bar (a bar's own title is its tooltip), in document order. */
  private static List<String> text(Document svg, String tag) {
    List<String> texts = new ArrayList<>();
    NodeList nodes = svg.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Element parent = (Element) nodes.item(i).getParentNode();
      if (!"bar".equals(parent.getAttribute("class"))) {
        texts.add(nodes.item(i).getTextContent());
      }
    }
    return texts;
  }
}
