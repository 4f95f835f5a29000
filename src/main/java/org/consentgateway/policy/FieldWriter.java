package org.consentgateway.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes one field of {@code source}, already masked, into {@code target}; false when there is no value. */
@FunctionalInterface
interface FieldWriter<S> {
  boolean write(S source, ObjectNode target);
}
