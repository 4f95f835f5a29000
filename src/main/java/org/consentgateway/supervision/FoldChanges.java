package org.consentgateway.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.consentgateway.supervision.FoldState.OpenDispute;
import org.consentgateway.supervision.FoldState.OpenRequest;

/**
 * What folding a chunk of entries changes, as increments and rows to insert or delete. Written
 * in one transaction with the cursor's move to {@code lastIndex}.
 */
record FoldChanges(
    long lastIndex,
    Map<Cell, long[]> cellCounts,
    Map<Refusal, Long> refusals,
    Set<SeenSubject> seenSubjects,
    Map<RegulatorDay, Long> regulatorReads,
    Map<LocalDate, long[]> disputeCounts,
    List<OpenRequest> openedRequests,
    List<Long> answeredRequests,
    Map<String, Approval> approvedConsents,
    Map<DurationBucket, Long> durations,
    List<OpenDispute> openedDisputes,
    List<Long> resolvedDisputes,
    List<Facet> facets,
    List<Query> queries) {

  /** Index of a dispute count in {@link #disputeCounts}' arrays. */
  static final int FILED = 0;
  static final int RESOLVED = 1;

  FoldChanges {
    cellCounts = Map.copyOf(cellCounts);
    refusals = Map.copyOf(refusals);
    seenSubjects = Set.copyOf(seenSubjects);
    regulatorReads = Map.copyOf(regulatorReads);
    disputeCounts = Map.copyOf(disputeCounts);
    openedRequests = List.copyOf(openedRequests);
    answeredRequests = List.copyOf(answeredRequests);
    approvedConsents = Map.copyOf(approvedConsents);
    durations = Map.copyOf(durations);
    openedDisputes = List.copyOf(openedDisputes);
    resolvedDisputes = List.copyOf(resolvedDisputes);
    facets = List.copyOf(facets);
    queries = List.copyOf(queries);
  }

  record Refusal(Cell cell, String reasonCode) {}

  /** A subject a cell saw, with its key in the day's seen-set ({@link SeenKey}). */
  record SeenSubject(Cell cell, String subjectRef, UUID key) {}

  record RegulatorDay(LocalDate day, String regulator) {}

  /**
   * A histogram bucket of decision times ({@link DurationBuckets}): kind {@code consent} or
   * {@code dispute}, in the decision's cell; {@link #durations} maps it to how many decisions fell in it.
   */
  record DurationBucket(String kind, Cell cell, int bucket) {}

  /** A consent approved: its institution and when, so signals can tell a use made seconds later. */
  record Approval(String institution, Instant approvedAt) {}

  /** An institution's query, as the signals read it: never returned, only counted. */
  record Query(long index, Instant time, String institution, Optional<String> subjectRef, Optional<String> consentId,
      boolean allowed) {}

  /** The searchable members of one entry; {@code institution} as attributed by the fold. */
  record Facet(long index, Instant time, LocalDate day, Optional<String> institution, Optional<String> purpose, String action, String outcome,
      Optional<String> reasonCode) {}
}
