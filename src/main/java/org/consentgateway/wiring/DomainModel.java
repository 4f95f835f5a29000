package org.consentgateway.wiring;

import java.util.List;
import java.util.stream.Stream;
import org.consentgateway.complaint.ComplaintStore;
import org.consentgateway.dispute.DisputeStore;
import org.consentgateway.repair.RepairStore;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.records.RecordChangeStore;

/**
 * The entities Hibernate Reactive maps: each capability with a domain model names its own
 * (package-private classes, behind its stores), and this is the one list the session factory is
 * built from, by the gateway and by the commands alike.
 */
public final class DomainModel {

  /** Every mapped entity class. */
  public static final List<Class<?>> ENTITIES = Stream.<List<Class<?>>>of(
          RecordChangeStore.ENTITIES,
          ClientRegistry.ENTITIES,
          DisputeStore.ENTITIES,
          RepairStore.ENTITIES,
          ComplaintStore.ENTITIES)
      .flatMap(List::stream)
      .toList();

  private DomainModel() {}
}
