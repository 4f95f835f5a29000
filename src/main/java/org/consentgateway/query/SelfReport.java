package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.consentgateway.audit.AppendedEntry;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.crypto.SignedResponse;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.Disclosure;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/me/report} (docs/api.md "Citizen"): the caller's own credit file, every field unmasked
 * and every record ({@link PolicyBundle#fullReport}). The caller is a citizen principal whose id is
 * its subjectRef, so a citizen can only ever read their own file.
 *
 * <p>Audited as a self-query: action {@code query.allowed}, actor {@code citizen:<subjectRef>}, the
 * same subjectRef, purpose {@value #PURPOSE}, grade {@value #GRADE} (the highest grade; the audit
 * log's grade is a code, and the full report discloses at least what DETAIL does), no consent, the
 * disclosed fields and the {@code responseHash} computed as for institution queries
 * ({@link QueryService#responseHash}: JCS SHA-256 of the body without {@code auditIndex}). The
 * entry is committed before the answer exists; when it cannot be, the answer is 503
 * {@code unavailable} and nothing is disclosed.
 *
 * <p>No credit file is 404 {@code not_found}, audited as {@code query.denied} with reason
 * {@code not_found}; a file that cannot be read is 503 {@code unavailable}, audited likewise.
 */
public final class SelfReport {

  /** The purpose code of a citizen's own report in the audit log. */
  static final String PURPOSE = "SELF";
  /** The grade code of a citizen's own report in the audit log. */
  static final String GRADE = "DETAIL";

  private static final Logger LOG = LoggerFactory.getLogger(SelfReport.class);

  private final PolicyBundle policies;
  private final Sha256Hash policyHash;
  private final NotedFiles files;
  private final AuditLog audit;
  private final SignedAnswers answers;
  private final Clock clock;

  public SelfReport(PolicyBundle policies, NotedFiles files, AuditLog audit, SignedAnswers answers, Clock clock) {
    this.policies = requireNonNull(policies, "policies is null");
    this.policyHash = Sha256Hash.fromHex(policies.version());
    this.files = requireNonNull(files, "files is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.answers = requireNonNull(answers, "answers is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The citizen's full report, after its audit entry is committed; fails with a
   * {@link ProblemException} ({@code not_found}, {@code forbidden} or {@code unavailable}).
   */
  public Future<ObjectNode> report(Principal caller) {
    return report(caller, (event, hashed) -> audited(audit.append(event))
        .map(appended -> QueryService.numbered(hashed, "reportId", appended.index())));
  }

  /**
   * As {@link #report(Principal)}, as the signed answer to {@code answered} ({@link SignedAnswers}):
   * its entry records the hash of the answer's signature base.
   */
  public Future<SignedResponse> signedReport(Principal caller, AnswerRequest answered) {
    return report(caller, (event, hashed) -> audited(audit.append(event, answers.toBind(answered, hashed, "reportId")))
        .map(answers::signed));
  }

  private <T> Future<T> report(Principal caller, BiFunction<AuditEvent, ObjectNode, Future<T>> disclose) {
    if (caller.role() != Role.CITIZEN) {
      // The access rules admit only citizens to /v1/me/*; this is a second lock on the same door.
      return Future.failedFuture(new ProblemException(ErrorCode.FORBIDDEN, "Only a citizen has a report of their own."));
    }
    String subjectRef = caller.id();
    Future<Disclosure> disclosure;
    try {
      disclosure = files.own(subjectRef).map(found -> found.map(noted -> policies.fullReport(noted.file(), noted.notes()))
          .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "The gateway holds no credit file for you.")));
    } catch (RuntimeException e) {
      disclosure = Future.failedFuture(e);
    }
    return disclosure.transform(read -> {
      if (read.succeeded()) {
        return answer(caller, read.result(), disclose);
      }
      ProblemException problem;
      if (read.cause() instanceof ProblemException refused && refused.code() == ErrorCode.NOT_FOUND) {
        problem = refused;
      } else {
        LOG.error("a citizen's own report could not be read", read.cause());
        problem = new ProblemException(ErrorCode.UNAVAILABLE, "Your report could not be read; nothing was disclosed.");
      }
      return audit.append(denial(caller, problem.code())).transform(appended -> {
        if (appended.failed()) {
          LOG.error("a refused self-report could not be audited; refusing with unavailable", appended.cause());
          return Future.failedFuture(unaudited());
        }
        return Future.failedFuture(problem);
      });
    });
  }

  private <T> Future<T> answer(Principal caller, Disclosure disclosure, BiFunction<AuditEvent, ObjectNode, Future<T>> disclose) {
    ObjectNode hashed = JsonNodeFactory.instance.objectNode();
    hashed.put("reportId", UUID.randomUUID().toString());
    hashed.put("policyVersion", policies.version());
    disclosure.report().properties().forEach(member -> hashed.set(member.getKey(), member.getValue()));
    ArrayNode fields = hashed.putArray("disclosedFields");
    disclosure.disclosedFields().forEach(fields::add);
    AuditEvent event = event(caller, AuditOutcome.ALLOWED)
        .action(AuditAction.QUERY_ALLOWED)
        .disclosedFields(disclosure.disclosedFields())
        .responseHash(QueryService.responseHash(hashed))
        .build();
    return disclose.apply(event, hashed);
  }

  private static Future<AppendedEntry> audited(Future<AppendedEntry> appended) {
    return appended.recover(error -> {
      LOG.error("a self-report could not be audited; nothing is disclosed", error);
      return Future.failedFuture(unaudited());
    });
  }

  private AuditEvent denial(Principal caller, ErrorCode code) {
    return event(caller, AuditOutcome.DENIED)
        .action(AuditAction.QUERY_DENIED)
        .reasonCode(code.code())
        .disclosedFields(List.of())
        .build();
  }

  private AuditEvent.Builder event(Principal caller, AuditOutcome outcome) {
    return AuditEvent.builder().time(clock.instant()).actor(caller.actor()).subjectRef(caller.id()).purpose(PURPOSE).grade(GRADE)
        .outcome(outcome).policyHash(policyHash);
  }

  private static ProblemException unaudited() {
    return new ProblemException(ErrorCode.UNAVAILABLE, "Your report could not be audited; nothing was disclosed.");
  }
}
