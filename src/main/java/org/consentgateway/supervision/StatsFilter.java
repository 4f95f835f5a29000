package org.consentgateway.supervision;

import io.vertx.sqlclient.Tuple;

/**
 * The WHERE clause of a statistics read over a table with a day (or a period's first day),
 * institution and purpose columns, and its parameters: the days the read counts.
 */
record StatsFilter(String where, Tuple parameters) {

  static StatsFilter of(StatsQuery query, boolean byInstitutionAndPurpose) {
    return of(query, byInstitutionAndPurpose, "day");
  }

  /** Over a table whose rows start on {@code dayColumn}: a period's row is in when its first day is. */
  static StatsFilter of(StatsQuery query, boolean byInstitutionAndPurpose, String dayColumn) {
    StringBuilder where = new StringBuilder(" where " + dayColumn + " between $1 and $2");
    Tuple parameters = Tuple.of(query.firstDayCounted(), query.lastDayCounted());
    if (byInstitutionAndPurpose) {
      if (query.institution().isPresent()) {
        parameters.addString(query.institution().get());
        where.append(" and institution = $").append(parameters.size());
      }
      if (query.purpose().isPresent()) {
        parameters.addString(query.purpose().get());
        where.append(" and purpose = $").append(parameters.size());
      }
    }
    return new StatsFilter(where.toString(), parameters);
  }
}
