package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one projection discloses.
 *
 * @param report the {@code subject}, {@code summary}, {@code accounts} and {@code publicRecords}
 *     members the grade permits, and only those; a fresh node per projection, owned by the caller
 *     (the query answer adds its own members to it)
 * @param disclosedFields the paths of exactly the fields present in {@code report}, in report
 *     order, e.g. {@code subject.name}, {@code accounts[].lender}
 */
public record Disclosure(ObjectNode report, List<String> disclosedFields) {

  public Disclosure {
    requireNonNull(report, "report is null");
    disclosedFields = List.copyOf(disclosedFields);
  }
}
