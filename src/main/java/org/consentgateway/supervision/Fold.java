package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consentgateway.supervision.FoldChanges.Approval;
import org.consentgateway.supervision.FoldChanges.DurationBucket;
import org.consentgateway.supervision.FoldChanges.Facet;
import org.consentgateway.supervision.FoldChanges.Query;
import org.consentgateway.supervision.FoldChanges.Refusal;
import org.consentgateway.supervision.FoldChanges.RegulatorDay;
import org.consentgateway.supervision.FoldChanges.SeenSubject;
import org.consentgateway.supervision.FoldState.OpenDispute;
import org.consentgateway.supervision.FoldState.OpenRequest;
import org.consentgateway.supervision.FoldState.RequestKey;

/**
 * Folds entries, in index order, into {@link FoldChanges}: pure Java, no I/O. The rules:
 * <ul>
 *   <li>queries ({@code query.allowed}, {@code query.denied}) count for an institution actor only
 *       (a citizen's own report is no institution's query), a refusal by its reason code, and
 *       every subjectRef they name is a candidate for the cell's distinct subjects;
 *   <li>a consent decision ({@code consent.approved}, {@code consent.rejected},
 *       {@code consent.request.expired}) answers the oldest open request with its subject,
 *       purpose and grade, and counts for that request's institution ('' when none is open); an
 *       approval or rejection counts its duration from the request in the cell's histogram;
 *   <li>{@code consent.revoked}, {@code consent.expired}, {@code consent.paused},
 *       {@code consent.resumed} count for the institution of the approved consent they name;
 *   <li>a {@code dispute.resolved} closes the oldest open dispute of its subject and keeps its
 *       duration in the day's histogram; disputes and regulator reads are per day only.
 * </ul>
 */
final class Fold {

  static final String CONSENT = "consent";
  static final String DISPUTE = "dispute";

  private final Map<RequestKey, Deque<OpenRequest>> openRequests = new HashMap<>();
  private final Map<String, String> consentInstitutions;
  private final Map<String, Deque<OpenDispute>> openDisputes = new HashMap<>();
  /** The requests and disputes loaded from earlier chunks (the rest were opened in this one). */
  private final Set<Long> loadedRequests = new HashSet<>();
  private final Set<Long> loadedDisputes = new HashSet<>();

  private final Map<Cell, long[]> cellCounts = new LinkedHashMap<>();
  private final Map<Refusal, Long> refusals = new HashMap<>();
  private final Set<SeenSubject> seen = new HashSet<>();
  private final Map<RegulatorDay, Long> regulatorReads = new HashMap<>();
  private final Map<java.time.LocalDate, long[]> disputeCounts = new HashMap<>();
  private final List<Long> answeredRequests = new ArrayList<>();
  private final Map<String, Approval> approvedConsents = new HashMap<>();
  private final Map<DurationBucket, Long> durations = new HashMap<>();
  private final List<Long> resolvedDisputes = new ArrayList<>();
  private final List<Facet> facets = new ArrayList<>();
  private final List<Query> queries = new ArrayList<>();

  Fold(FoldState state) {
    requireNonNull(state, "state is null");
    state.openRequests().forEach((key, requests) -> {
      openRequests.put(key, new ArrayDeque<>(requests));
      requests.forEach(request -> loadedRequests.add(request.requestIndex()));
    });
    consentInstitutions = new HashMap<>(state.consentInstitutions());
    state.openDisputes().forEach((subject, disputes) -> {
      openDisputes.put(subject, new ArrayDeque<>(disputes));
      disputes.forEach(dispute -> loadedDisputes.add(dispute.filedIndex()));
    });
  }

  /** Folds {@code entries} (consecutive, in index order) and returns the changes, ending at the last one. */
  static FoldChanges of(FoldState state, List<EntryFacts> entries) {
    Fold fold = new Fold(state);
    entries.forEach(fold::add);
    return fold.changes(entries.get(entries.size() - 1).index());
  }

  void add(EntryFacts entry) {
    Optional<String> institution = switch (entry.action()) {
      case QUERY_ALLOWED -> query(entry, CellColumn.QUERIES_ALLOWED);
      case QUERY_DENIED -> query(entry, CellColumn.QUERIES_REFUSED);
      case CONSENT_REQUESTED -> requested(entry);
      case CONSENT_APPROVED -> answered(entry, CellColumn.CONSENTS_APPROVED, true);
      case CONSENT_REJECTED -> answered(entry, CellColumn.CONSENTS_REJECTED, true);
      case CONSENT_REQUEST_EXPIRED -> answered(entry, CellColumn.REQUESTS_EXPIRED, false);
      case CONSENT_REVOKED -> ofConsent(entry, CellColumn.CONSENTS_REVOKED);
      case CONSENT_EXPIRED -> ofConsent(entry, CellColumn.CONSENTS_EXPIRED);
      case CONSENT_PAUSED -> ofConsent(entry, CellColumn.CONSENTS_PAUSED);
      case CONSENT_RESUMED -> ofConsent(entry, CellColumn.CONSENTS_RESUMED);
      case DISPUTE_FILED -> filed(entry);
      case DISPUTE_RESOLVED -> resolved(entry);
      case AUDIT_READ -> regulatorRead(entry);
      case RECORD_CORRECTED, STATEMENT_ATTACHED, STATEMENT_REMOVED, DATA_EXPORTED -> entry.institution();
      case REPAIR_APPLIED, REPAIR_APPROVED, REPAIR_REJECTED, REPAIR_WITHDRAWN -> entry.institution();
      case COMPLAINT_FILED, COMPLAINT_ACKNOWLEDGED, COMPLAINT_INFORMATION_REQUESTED, COMPLAINT_RESPONDED, COMPLAINT_RESOLVED ->
          entry.institution();
    };
    facets.add(new Facet(entry.index(), entry.time(), entry.day(), institution, Optional.of(entry.purpose()).filter(p -> !p.isEmpty()),
        entry.action().wireName(), entry.outcome().name(), entry.reasonCode()));
  }

  private Optional<String> query(EntryFacts entry, CellColumn column) {
    if (entry.institution().isEmpty()) {
      return Optional.empty();
    }
    Cell cell = cell(entry, entry.institution().get());
    count(cell, column);
    if (column == CellColumn.QUERIES_REFUSED) {
      refusals.merge(new Refusal(cell, entry.reasonCode().orElse("")), 1L, Long::sum);
    }
    entry.subjectRef().ifPresent(subject -> seen.add(new SeenSubject(cell, subject, SeenKey.of(cell, subject))));
    queries.add(new Query(entry.index(), entry.time(), entry.institution().get(), entry.subjectRef(), entry.consentId(),
        column == CellColumn.QUERIES_ALLOWED));
    return entry.institution();
  }

  private Optional<String> requested(EntryFacts entry) {
    String institution = entry.institution().orElse("");
    count(cell(entry, institution), CellColumn.CONSENTS_REQUESTED);
    entry.subjectRef().ifPresent(subject -> {
      RequestKey key = new RequestKey(subject, entry.purpose(), entry.grade());
      openRequests.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new OpenRequest(entry.index(), key, institution, entry.time()));
    });
    return entry.institution();
  }

  private Optional<String> answered(EntryFacts entry, CellColumn column, boolean timed) {
    Optional<OpenRequest> request = entry.subjectRef()
        .flatMap(subject -> poll(openRequests.get(new RequestKey(subject, entry.purpose(), entry.grade()))));
    String institution = request.map(OpenRequest::institution).orElse("");
    Cell cell = cell(entry, institution);
    count(cell, column);
    request.ifPresent(answered -> {
      if (loadedRequests.contains(answered.requestIndex())) {
        answeredRequests.add(answered.requestIndex());
      }
      if (timed) {
        timed(CONSENT, cell, entry.time().toEpochMilli() - answered.requestedAt().toEpochMilli());
      }
    });
    if (column == CellColumn.CONSENTS_APPROVED) {
      entry.consentId().ifPresent(consent -> {
        consentInstitutions.put(consent, institution);
        approvedConsents.put(consent, new Approval(institution, entry.time()));
      });
    }
    return Optional.of(institution).filter(name -> !name.isEmpty());
  }

  private Optional<String> ofConsent(EntryFacts entry, CellColumn column) {
    String institution = entry.consentId().map(consentInstitutions::get).orElse("");
    count(cell(entry, institution), column);
    return Optional.of(institution).filter(name -> !name.isEmpty());
  }

  private Optional<String> filed(EntryFacts entry) {
    disputeCounts.computeIfAbsent(entry.day(), day -> new long[2])[FoldChanges.FILED]++;
    entry.subjectRef().ifPresent(subject -> openDisputes.computeIfAbsent(subject, s -> new ArrayDeque<>())
        .add(new OpenDispute(entry.index(), subject, entry.time(), entry.day())));
    return Optional.empty();
  }

  private Optional<String> resolved(EntryFacts entry) {
    disputeCounts.computeIfAbsent(entry.day(), day -> new long[2])[FoldChanges.RESOLVED]++;
    entry.subjectRef().flatMap(subject -> poll(openDisputes.get(subject))).ifPresent(dispute -> {
      if (loadedDisputes.contains(dispute.filedIndex())) {
        resolvedDisputes.add(dispute.filedIndex());
      }
      timed(DISPUTE, new Cell(entry.day(), "", "", ""), entry.time().toEpochMilli() - dispute.filedAt().toEpochMilli());
    });
    return Optional.empty();
  }

  private Optional<String> regulatorRead(EntryFacts entry) {
    regulatorReads.merge(new RegulatorDay(entry.day(), entry.actor()), 1L, Long::sum);
    return Optional.empty();
  }

  /** Counts a decision's duration in its cell's histogram: a median needs no more (DurationBuckets). */
  private void timed(String kind, Cell cell, long millis) {
    durations.merge(new DurationBucket(kind, cell, DurationBuckets.of(millis)), 1L, Long::sum);
  }

  private void count(Cell cell, CellColumn column) {
    cellCounts.computeIfAbsent(cell, c -> new long[CellColumn.values().length])[column.ordinal()]++;
  }

  private static Cell cell(EntryFacts entry, String institution) {
    return new Cell(entry.day(), institution, entry.purpose(), entry.grade());
  }

  private static <T> Optional<T> poll(Deque<T> queue) {
    return queue == null ? Optional.empty() : Optional.ofNullable(queue.pollFirst());
  }

  FoldChanges changes(long lastIndex) {
    List<OpenRequest> opened = openRequests.values().stream().flatMap(Deque::stream)
        .filter(request -> !loadedRequests.contains(request.requestIndex())).toList();
    List<OpenDispute> disputes = openDisputes.values().stream().flatMap(Deque::stream)
        .filter(dispute -> !loadedDisputes.contains(dispute.filedIndex())).toList();
    return new FoldChanges(lastIndex, cellCounts, refusals, seen, regulatorReads, disputeCounts, opened, answeredRequests,
        approvedConsents, durations, disputes, resolvedDisputes, facets, queries);
  }
}
