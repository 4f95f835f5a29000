package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A chart and the numbers it draws, as the page shows them: the chart, then a table with a caption
 * (its first column the rows' headers), so that every number can be read without the picture.
 *
 * @param id unique in the page, the chart's id; the table's caption has {@code <id>-caption}
 */
public record ChartTable(String id, String caption, Chart chart, List<String> columns, List<List<String>> rows) {

  public ChartTable {
    requireNonNull(id, "id is null");
    requireNonNull(caption, "caption is null");
    requireNonNull(chart, "chart is null");
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("each row has one cell per column");
      }
    }
  }
}
