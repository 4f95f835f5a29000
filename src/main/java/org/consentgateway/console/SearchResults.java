package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.supervision.FoundEntry;

/**
 * One page of a search's results, as the search page shows them.
 *
 * @param entries the entries of this page, in log order
 * @param next the link to the page after this one, if there are more entries
 * @param filter the search's conditions as the export form sends them back ({@link SearchForm#canonical})
 * @param moreThanACase whether the search matches more entries than a case holds
 */
public record SearchResults(List<FoundEntry> entries, Optional<String> next, Map<String, String> filter, boolean moreThanACase) {

  public SearchResults {
    entries = List.copyOf(entries);
    requireNonNull(next, "next is null");
    filter = Map.copyOf(filter);
  }

  /** The export form's hidden fields, in the form's order. */
  public List<Map.Entry<String, String>> fields() {
    return SearchForm.FIELDS.stream().filter(filter::containsKey).map(name -> Map.entry(name, filter.get(name))).toList();
  }

  /** The query of this search's first page. */
  public String firstPageQuery() {
    Map<String, String> ordered = new LinkedHashMap<>();
    fields().forEach(field -> ordered.put(field.getKey(), field.getValue()));
    return SearchForm.queryString(ordered);
  }

  /** The first and last index shown; meaningful only when there are entries. */
  public long first() {
    return entries.get(0).index();
  }

  public long last() {
    return entries.get(entries.size() - 1).index();
  }
}
