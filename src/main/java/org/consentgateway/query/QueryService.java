package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.Jcs;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.consent.ConsentTokens;
import org.consentgateway.consent.ConsentUses;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.crypto.SignedResponse;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.Institution;
import org.consentgateway.policy.Disclosure;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.Purpose;
import org.consentgateway.value.Principal;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one query (docs/design.md "The flow"). The checks run in a fixed order and the first
 * broken one is the answer: token signature and form ({@code consent_invalid}); audience = caller
 * and {@code cnf.jkt} = the caller's registered key ({@code consent_not_yours}); purpose
 * ({@code purpose_mismatch}); grade within the consent's, the purpose's and the institution's
 * maximum ({@code grade_exceeds_consent}); then the consent's live state and one use, taken
 * atomically ({@link ConsentUses#take}).
 *
 * <p>Every outcome is audited and the entry committed before the answer exists. The
 * {@code responseHash} of an allowed query is the SHA-256 of the RFC 8785 (JCS) canonical form of
 * the response body without its {@code auditIndex} member: {@code queryId}, {@code purpose},
 * {@code grade}, {@code policyVersion}, the report's parts and {@code disclosedFields}. The index
 * cannot be inside the entry it numbers; anyone holding the body can drop {@code auditIndex},
 * canonicalize and compare. The answer is signed ({@link SignedAnswers}), and the entry records
 * the hash of its signature base, which covers the body with its {@code auditIndex}.
 *
 * <p>The use is committed before the records are read and the entry appended: a failure after
 * it (no credit file, records unreadable, audit log down) spends that use and discloses nothing.
 * The other order could disclose more often than the consent allows; this one can only disclose less.
 */
public final class QueryService {

  private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);

  private final GatewayJwt jwt;
  private final String issuer;
  private final ClientRegistry registry;
  private final PolicyBundle policies;
  private final Sha256Hash policyHash;
  private final ConsentUses uses;
  private final NotedFiles files;
  private final AuditLog audit;
  private final SignedAnswers answers;
  private final Clock clock;

  public QueryService(GatewayJwt jwt, String issuer, ClientRegistry registry, PolicyBundle policies, ConsentUses uses,
      NotedFiles files, AuditLog audit, SignedAnswers answers, Clock clock) {
    this.jwt = requireNonNull(jwt, "jwt is null");
    this.issuer = requireNonNull(issuer, "issuer is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.policies = requireNonNull(policies, "policies is null");
    this.policyHash = Sha256Hash.fromHex(policies.version());
    this.uses = requireNonNull(uses, "uses is null");
    this.files = requireNonNull(files, "files is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.answers = requireNonNull(answers, "answers is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The signed answer to {@code answered}, after its audit entry is committed; fails with a {@link
   * ProblemException} (the refusal's code, or {@code unavailable} when the outcome could not be
   * audited or the answer not signed).
   */
  public Future<SignedResponse> query(Principal caller, QueryRequest request, AnswerRequest answered) {
    Future<SignedResponse> attempt;
    try {
      attempt = allowed(caller, request, answered);
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt.recover(error -> {
      if (error instanceof ProblemException problem) {
        return Future.failedFuture(problem);
      }
      QueryRefusal refusal = error instanceof QueryRefusal refused ? refused : unavailable(error);
      return audit.append(denial(caller, request, refusal)).transform(appended -> {
        if (appended.failed()) {
          LOG.error("a denied query could not be audited; refusing with unavailable", appended.cause());
          return Future.failedFuture(new ProblemException(ErrorCode.UNAVAILABLE, "The query could not be audited; nothing was disclosed."));
        }
        return Future.failedFuture(new ProblemException(refusal.code(), refusal.detail()));
      });
    });
  }

  private static QueryRefusal unavailable(Throwable error) {
    LOG.error("query failed", error);
    return new QueryRefusal(ErrorCode.UNAVAILABLE, "The query could not be completed; nothing was disclosed.");
  }

  private Future<SignedResponse> allowed(Principal caller, QueryRequest request, AnswerRequest answered) {
    GatewayJwt.Verification verification = jwt.verify(request.consentToken(), ConsentTokens.CONSENT_TOKEN_TYPE);
    if (!verification.verified()) {
      throw new QueryRefusal(ErrorCode.CONSENT_INVALID, "The consent token is not valid: " + verification.problem() + ".");
    }
    ConsentClaims claims = ConsentClaims.read(verification.claims().orElseThrow(), issuer)
        .orElseThrow(() -> new QueryRefusal(ErrorCode.CONSENT_INVALID, "The consent token lacks a claim the gateway issues."));
    if (!claims.issuedTo(caller.id())) {
      throw refused(ErrorCode.CONSENT_NOT_YOURS, "The consent was granted to another institution.", claims);
    }
    return registry.findInstitution(UnifiedSocialCreditCode.parse(caller.id())).compose(found -> {
      Institution institution = found.filter(Institution::active).filter(inst -> inst.key().thumbprint().equals(claims.jkt()))
          .orElseThrow(() -> refused(ErrorCode.CONSENT_NOT_YOURS, "The consent is bound to another institution key.", claims));
      Purpose purpose = checkPurposeAndGrade(request, claims, institution);
      ConsentUses.Claimed claimed = new ConsentUses.Claimed(claims.consentId(), caller.id(), claims.subjectRef(), claims.purpose(),
          claims.grade());
      return uses.take(claimed, purpose, clock.instant())
          // A refused use is a denial about this consent: audited with what the token told us.
          .recover(failure -> Future.failedFuture(failure instanceof ProblemException refused
              ? refused(refused.code(), refused.detail(), claims) : failure))
          .compose(use -> files.of(claims.subjectRef()).compose(file -> {
            NotedFiles.NotedFile noted = file.orElseThrow(() -> refused(ErrorCode.NOT_FOUND,
                "The gateway holds no credit file for this subject.", claims));
            Disclosure disclosure = policies.project(noted.file(), noted.notes(), request.grade(),
                LocalDate.now(clock.withZone(ConsentUses.LIMIT_ZONE)), use.dataWindowMonths());
            return answer(caller, request, claims, disclosure, answered);
          }));
    });
  }

  private Purpose checkPurposeAndGrade(QueryRequest request, ConsentClaims claims, Institution institution) {
    if (!request.purpose().equals(claims.purpose())) {
      throw refused(ErrorCode.PURPOSE_MISMATCH, "The consent is for purpose " + claims.purpose() + ", not the purpose asked.",
          claims);
    }
    Purpose purpose = policies.purposes().find(claims.purpose())
        .orElseThrow(() -> refused(ErrorCode.CONSENT_INVALID, "The consent's purpose is no longer defined.", claims));
    if (!claims.grade().includes(request.grade())) {
      throw refused(ErrorCode.GRADE_EXCEEDS_CONSENT, "The consent grants grade " + claims.grade() + ", not " + request.grade() + ".",
          claims);
    }
    if (!purpose.maxGrade().includes(request.grade()) || !institution.maxGrade().includes(request.grade())) {
      throw refused(ErrorCode.GRADE_EXCEEDS_CONSENT, "Grade " + request.grade() + " is above the purpose's or the institution's maximum.",
          claims);
    }
    if (!institution.purposes().contains(purpose.code())) {
      throw refused(ErrorCode.PURPOSE_NOT_PERMITTED, "The institution is not registered for purpose " + purpose.code() + ".", claims);
    }
    return purpose;
  }

  private Future<SignedResponse> answer(Principal caller, QueryRequest request, ConsentClaims claims, Disclosure disclosure,
      AnswerRequest answered) {
    ObjectNode hashed = JsonNodeFactory.instance.objectNode();
    hashed.put("queryId", UUID.randomUUID().toString());
    hashed.put("purpose", claims.purpose());
    hashed.put("grade", request.grade().name());
    hashed.put("policyVersion", policies.version());
    disclosure.report().properties().forEach(member -> hashed.set(member.getKey(), member.getValue()));
    ArrayNode fields = hashed.putArray("disclosedFields");
    disclosure.disclosedFields().forEach(fields::add);
    Sha256Hash responseHash = responseHash(hashed);
    AuditEvent event = about(event(caller, request, AuditOutcome.ALLOWED), claims)
        .action(AuditAction.QUERY_ALLOWED)
        .disclosedFields(disclosure.disclosedFields())
        .responseHash(responseHash)
        .build();
    return audit.append(event, answers.toBind(answered, hashed, "queryId"))
        .recover(error -> {
          LOG.error("an allowed query could not be audited; nothing is disclosed", error);
          return Future.failedFuture(new ProblemException(ErrorCode.UNAVAILABLE, "The query could not be audited; nothing was disclosed."));
        })
        .map(answers::signed);
  }

  /**
   * The answer: {@code hashed} with {@code auditIndex} after its first member {@code idMember}.
   * The index cannot be inside the entry it numbers, so it is added once the entry is committed.
   */
  static ObjectNode numbered(ObjectNode hashed, String idMember, long auditIndex) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set(idMember, hashed.get(idMember));
    body.put("auditIndex", auditIndex);
    hashed.properties().stream().filter(member -> !member.getKey().equals(idMember))
        .forEach(member -> body.set(member.getKey(), member.getValue()));
    return body;
  }

  /** SHA-256 of the JCS form of {@code body} without {@code auditIndex} (see the class comment). */
  static Sha256Hash responseHash(ObjectNode body) {
    ObjectNode copy = body.deepCopy();
    copy.remove("auditIndex");
    return Sha256Hash.digest(Jcs.canonicalize(copy));
  }

  private AuditEvent denial(Principal caller, QueryRequest request, QueryRefusal refusal) {
    AuditEvent.Builder event = event(caller, request, AuditOutcome.DENIED);
    refusal.known().ifPresent(claims -> about(event, claims));
    return event.action(AuditAction.QUERY_DENIED)
        .reasonCode(refusal.code().code())
        .disclosedFields(List.of())
        .build();
  }

  private AuditEvent.Builder event(Principal caller, QueryRequest request, AuditOutcome outcome) {
    AuditEvent.Builder event = AuditEvent.builder().time(clock.instant()).actor(caller.actor()).outcome(outcome)
        .grade(request.grade().name()).policyHash(policyHash);
    if (Purpose.CODE.matcher(request.purpose()).matches()) {
      event.purpose(request.purpose());
    }
    return event;
  }

  /** The subject and consent of a verified token, once they are known. */
  private static AuditEvent.Builder about(AuditEvent.Builder event, ConsentClaims claims) {
    return event.subjectRef(claims.subjectRef()).consentId(claims.consentId().toString());
  }

  private static QueryRefusal refused(ErrorCode code, String detail, ConsentClaims claims) {
    return new QueryRefusal(code, detail, claims);
  }
}
