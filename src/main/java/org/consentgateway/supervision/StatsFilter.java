package org.consentgateway.supervision;

import io.vertx.sqlclient.Tuple;

/** The WHERE clause of a statistics read over a table with day, institution and purpose columns, and its parameters. */
record StatsFilter(String where, Tuple parameters) {

  static StatsFilter of(StatsQuery query, boolean byInstitutionAndPurpose) {
    StringBuilder where = new StringBuilder(" where day between $1 and $2");
    Tuple parameters = Tuple.of(query.from(), query.to());
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
