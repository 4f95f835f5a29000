package org.consentgateway.supervision;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.consentgateway.audit.AppendedEntry;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.consent.ConsentUses;
import org.consentgateway.db.Blocking;
import org.consentgateway.value.UnifiedSocialCreditCode;

/**
 * A day or two of a gateway's life as audit events, the way the services write them: institutions'
 * queries (allowed, and refused with their reason codes, some before the subject is known),
 * citizens' own reports, consent requests answered (approved, rejected or lapsed) some time later
 * by the citizen, consents revoked, paused, resumed and expired, disputes filed and resolved,
 * regulator reads and record changes. Deterministic for a seed. Times start an hour before midnight
 * in Shanghai, so the activity spans several statistics days. With {@link Habits#OFFICE} it is
 * slower and keeps office hours (weeks of days, as the signals' baselines need), and operators
 * resolve the oldest dispute first, as a dispute desk does.
 */
final class SyntheticActivity {

  static final Instant START = Instant.parse("2025-03-01T15:00:00Z");
  static final List<String> INSTITUTIONS = institutions(6);
  static final List<String> PURPOSES = List.of("LOAN_APPROVAL", "CREDIT_CARD", "POST_LOAN", "GUARANTEE");
  static final List<String> GRADES = List.of("SUMMARY", "STANDARD", "DETAIL");
  static final List<String> REFUSALS = List.of("consent_expired", "consent_revoked", "consent_exhausted", "purpose_mismatch",
      "grade_exceeds_consent", "consent_not_yours");
  static final List<String> REGULATORS = List.of("regulator:pboc-credit-reference", "regulator:nfra-fujian");

  private static final Sha256Hash RESPONSE = Sha256Hash.digest("response".getBytes(UTF_8));
  static final Sha256Hash POLICY = Sha256Hash.digest("policies".getBytes(UTF_8));

  /**
   * How the gateway's users behave: events up to {@code maxGapMillis} apart, between
   * {@code opensAt} and {@code closesAt} o'clock (Shanghai); disputes resolved oldest first or at random.
   */
  record Habits(int maxGapMillis, int opensAt, int closesAt, boolean oldestDisputeFirst) {
    /** Round the clock, every 1.5 s on average: a day or two in 100,000 entries. */
    static final Habits ALWAYS = new Habits(3_000, 0, 24, false);
    /** 08:00 to 20:00, every 20 s on average: about 2,000 entries a day. */
    static final Habits OFFICE = new Habits(43_000, 8, 20, true);
  }

  private final SplittableRandom random;
  private final int subjects;
  private final Habits habits;
  private final ArrayDeque<String> disputeOrder = new ArrayDeque<>();
  private Instant now = START;
  private final List<Request> pending = new ArrayList<>();
  private final List<Approved> consents = new ArrayList<>();
  private final Map<String, Integer> openDisputes = new HashMap<>();

  private record Request(String institution, String subject, String purpose, String grade) {}

  private record Approved(String id, String subject, String purpose, String grade) {}

  SyntheticActivity(long seed, int subjects) {
    this(seed, subjects, Habits.ALWAYS);
  }

  SyntheticActivity(long seed, int subjects, Habits habits) {
    this.random = new SplittableRandom(seed);
    this.subjects = subjects;
    this.habits = habits;
  }

  /** Where the activity has got to: the time of the last event. */
  Instant now() {
    return now;
  }

  /** {@code count} events, in the order they are appended. */
  List<AuditEvent> next(int count) {
    List<AuditEvent> events = new ArrayList<>(count);
    while (events.size() < count) {
      now = officeHours(now.plusMillis(random.nextInt(habits.maxGapMillis())));
      events.add(event(random.nextInt(1000)));
    }
    return events;
  }

  private AuditEvent event(int roll) {
    if (roll < 550) {
      return query();
    } else if (roll < 580) {
      return base(AuditAction.QUERY_ALLOWED, "citizen:" + subject(), AuditOutcome.ALLOWED).purpose("SELF").grade("DETAIL")
          .disclosedFields(List.of("summary.accountCount")).responseHash(RESPONSE).policyHash(POLICY).build();
    } else if (roll < 700) {
      return request();
    } else if (roll < 800 && !pending.isEmpty()) {
      return decision();
    } else if (roll < 860 && !consents.isEmpty()) {
      return lifecycle();
    } else if (roll < 880) {
      String subject = subject();
      openDisputes.merge(subject, 1, Integer::sum);
      disputeOrder.add(subject);
      return base(AuditAction.DISPUTE_FILED, "citizen:" + subject, AuditOutcome.RECORDED).subjectRef(subject).build();
    } else if (roll < 895 && !openDisputes.isEmpty()) {
      String subject = habits.oldestDisputeFirst() ? disputeOrder.peekFirst()
          : openDisputes.keySet().stream().sorted().skip(random.nextInt(openDisputes.size())).findFirst().orElseThrow();
      disputeOrder.removeFirstOccurrence(subject);
      openDisputes.computeIfPresent(subject, (s, n) -> n == 1 ? null : n - 1);
      return base(AuditAction.DISPUTE_RESOLVED, "operator:ops-1", AuditOutcome.RECORDED).subjectRef(subject)
          .reasonCode(random.nextBoolean() ? "corrected" : "rejected").build();
    } else if (roll < 930) {
      return base(AuditAction.AUDIT_READ, pick(REGULATORS), AuditOutcome.RECORDED).disclosedFields(List.of("entries"))
          .responseHash(RESPONSE).build();
    } else if (roll < 960) {
      return base(AuditAction.RECORD_CORRECTED, "operator:ops-1", AuditOutcome.RECORDED).subjectRef(subject()).build();
    } else {
      String subject = subject();
      return base(AuditAction.DATA_EXPORTED, "citizen:" + subject, AuditOutcome.ALLOWED).subjectRef(subject)
          .disclosedFields(List.of("subject")).responseHash(RESPONSE).policyHash(POLICY).build();
    }
  }

  /** {@code time}, or the next opening time if the office is closed then. */
  private Instant officeHours(Instant time) {
    ZonedDateTime local = time.atZone(ConsentUses.LIMIT_ZONE);
    if (local.getHour() >= habits.opensAt() && local.getHour() < habits.closesAt()) {
      return time;
    }
    LocalDate day = local.getHour() < habits.opensAt() ? local.toLocalDate() : local.toLocalDate().plusDays(1);
    return day.atTime(habits.opensAt(), 0).atZone(ConsentUses.LIMIT_ZONE).toInstant();
  }

  private AuditEvent query() {
    String institution = pick(INSTITUTIONS);
    AuditEvent.Builder event = AuditEvent.builder().time(now).actor("institution:" + institution).grade(pick(GRADES)).policyHash(POLICY);
    int kind = random.nextInt(100);
    if (kind < 3) {
      // Refused before the token was read: neither subject nor purpose is known.
      return event.action(AuditAction.QUERY_DENIED).outcome(AuditOutcome.DENIED).reasonCode("consent_invalid").build();
    }
    event.purpose(pick(PURPOSES)).subjectRef(subject()).consentId(UUID.randomUUID().toString());
    if (kind < 20) {
      return event.action(AuditAction.QUERY_DENIED).outcome(AuditOutcome.DENIED).reasonCode(pick(REFUSALS)).build();
    }
    return event.action(AuditAction.QUERY_ALLOWED).outcome(AuditOutcome.ALLOWED).disclosedFields(List.of("summary.accountCount"))
        .responseHash(RESPONSE).build();
  }

  private AuditEvent request() {
    Request request = new Request(pick(INSTITUTIONS), subject(), pick(PURPOSES), pick(GRADES));
    pending.add(request);
    return base(AuditAction.CONSENT_REQUESTED, "institution:" + request.institution(), AuditOutcome.RECORDED)
        .subjectRef(request.subject()).purpose(request.purpose()).grade(request.grade()).build();
  }

  /** The citizen answers one of the open requests, not necessarily the oldest; or it lapses. */
  private AuditEvent decision() {
    Request request = pending.remove(random.nextInt(pending.size()));
    int kind = random.nextInt(100);
    if (kind < 5) {
      return base(AuditAction.CONSENT_REQUEST_EXPIRED, "system:gateway", AuditOutcome.RECORDED).subjectRef(request.subject())
          .purpose(request.purpose()).grade(request.grade()).build();
    }
    AuditEvent.Builder event = base(kind < 80 ? AuditAction.CONSENT_APPROVED : AuditAction.CONSENT_REJECTED,
        "citizen:" + request.subject(), AuditOutcome.RECORDED)
        .subjectRef(request.subject()).purpose(request.purpose()).grade(request.grade());
    if (kind < 80) {
      Approved consent = new Approved(UUID.randomUUID().toString(), request.subject(), request.purpose(), request.grade());
      consents.add(consent);
      event.consentId(consent.id());
    }
    return event.build();
  }

  private AuditEvent lifecycle() {
    Approved consent = consents.get(random.nextInt(consents.size()));
    AuditAction action = switch (random.nextInt(4)) {
      case 0 -> AuditAction.CONSENT_REVOKED;
      case 1 -> AuditAction.CONSENT_EXPIRED;
      case 2 -> AuditAction.CONSENT_PAUSED;
      default -> AuditAction.CONSENT_RESUMED;
    };
    String actor = action == AuditAction.CONSENT_EXPIRED ? "system:gateway" : "citizen:" + consent.subject();
    return base(action, actor, AuditOutcome.RECORDED).subjectRef(consent.subject()).purpose(consent.purpose())
        .grade(consent.grade()).consentId(consent.id()).build();
  }

  private AuditEvent.Builder base(AuditAction action, String actor, AuditOutcome outcome) {
    return AuditEvent.builder().time(now).action(action).actor(actor).outcome(outcome);
  }

  /** A subject; a few are queried far more often than the rest, as in life. */
  private String subject() {
    int n = random.nextInt(10) == 0 ? random.nextInt(20) : random.nextInt(subjects);
    return String.format("%064x", 0x5eed0000L + n);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Appends {@code events} through the log's real append path, in order, and waits for every one. */
  static void append(AuditLog log, List<AuditEvent> events) {
    int window = 4_096;
    for (int start = 0; start < events.size(); start += window) {
      List<Future<AppendedEntry>> appended = new ArrayList<>(window);
      for (AuditEvent event : events.subList(start, Math.min(events.size(), start + window))) {
        appended.add(log.append(event));
      }
      Blocking.await(Future.all(appended), Duration.ofSeconds(60));
    }
  }

  /** {@code count} valid unified social credit codes (GB 32100: the last character checks the rest). */
  static List<String> institutions(int count) {
    List<String> codes = new ArrayList<>();
    String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (int n = 0; codes.size() < count; n++) {
      String prefix = String.format("91350100M%08d", 100 + n);
      for (char check : alphabet.toCharArray()) {
        if (UnifiedSocialCreditCode.isValid(prefix + check)) {
          codes.add(prefix + check);
          break;
        }
      }
    }
    return List.copyOf(codes);
  }
}
