package org.consentgateway.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.consentgateway.db.PrivacyScan;
import org.consentgateway.wiring.HostileRequests.Hostile;
import org.consentgateway.wiring.HostileRequests.Kind;
import org.consentgateway.wiring.RawExchange.Answer;

/**
 * What an answer to a hostile request must be: an answer, in time; never 5xx; every error a
 * problem (RFC 9457, with its stable {@code code}); nothing the client planted repeated, in body
 * or header; framing the codec cannot be sure of refused; the codec's own limits answered with
 * their status; 405 with {@code Allow}.
 */
final class HostileAnswers {

  /** A rule an answer broke. */
  enum Rule { NO_ANSWER, SERVER_ERROR, NOT_A_PROBLEM, ECHO, PERSONAL_DATA, FRAMING_ACCEPTED, WRONG_STATUS, NO_ALLOW }

  /** A broken rule, the request that broke it and what came back (status and the start of the body). */
  record Finding(Rule rule, Hostile request, int status, String body) {

    @Override
    public String toString() {
      return rule + " (" + status + " " + body.substring(0, Math.min(body.length(), 200)) + ") for " + request.summary();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Kind> FRAMING = EnumSet.of(Kind.DUPLICATE_LENGTH, Kind.NEGATIVE_LENGTH, Kind.HUGE_LENGTH,
      Kind.LENGTH_AND_CHUNKED, Kind.UNKNOWN_CODING, Kind.BAD_CHUNK);

  private HostileAnswers() {}

  static List<Finding> check(Hostile request, Answer answer) {
    List<Finding> findings = new ArrayList<>();
    if (answer.status() == 0) {
      findings.add(new Finding(Rule.NO_ANSWER, request, 0, answer.timedOut() ? "(nothing in time)" : "(closed)"));
      return findings;
    }
    int status = answer.status();
    if (status >= 500) {
      findings.add(new Finding(Rule.SERVER_ERROR, request, status, answer.body()));
    }
    if (status >= 400 && !isProblem(answer, request.head())) {
      findings.add(new Finding(Rule.NOT_A_PROBLEM, request, status, answer.body()));
    }
    String everything = String.join("\n", answer.headerLines()) + "\n" + answer.body();
    if (Canaries.ALL.stream().anyMatch(everything::contains) && status >= 400) {
      findings.add(new Finding(Rule.ECHO, request, status, answer.body()));
    }
    if (status >= 400 && !PrivacyScan.personalDataIn(answer.body()).isEmpty()) {
      findings.add(new Finding(Rule.PERSONAL_DATA, request, status, answer.body()));
    }
    if (FRAMING.contains(request.kind()) && status < 400) {
      findings.add(new Finding(Rule.FRAMING_ACCEPTED, request, status, answer.body()));
    }
    expectedStatus(request.kind()).filter(expected -> expected != status)
        .ifPresent(expected -> findings.add(new Finding(Rule.WRONG_STATUS, request, status, "expected " + expected)));
    if (status == 405 && answer.header("Allow").isEmpty()) {
      findings.add(new Finding(Rule.NO_ALLOW, request, status, answer.body()));
    }
    return findings;
  }

  /** The codec's limits each have their status: request line too long, headers too large, an unmet expectation. */
  private static java.util.Optional<Integer> expectedStatus(Kind kind) {
    return switch (kind) {
      case LONG_URI -> java.util.Optional.of(414);
      case HUGE_HEADERS -> java.util.Optional.of(431);
      case EXPECT -> java.util.Optional.of(417);
      case BODY, CONTENT_TYPE, PARAMETERS, HEADERS, METHOD, TOKEN, MALFORMED_FORM, DUPLICATE_LENGTH, NEGATIVE_LENGTH, HUGE_LENGTH,
          LENGTH_AND_CHUNKED, UNKNOWN_CODING, BAD_CHUNK -> java.util.Optional.empty();
    };
  }

  private static boolean isProblem(Answer answer, boolean head) {
    if (!answer.header("Content-Type").filter(type -> type.startsWith("application/problem+json")).isPresent()) {
      return false;
    }
    if (head) {
      return true; // RFC 9110 §9.3.2: the answer to HEAD has no body, only the headers of one
    }
    try {
      JsonNode problem = JSON.readTree(answer.body());
      return problem.path("code").isTextual() && problem.path("status").asInt() == answer.status()
          && problem.path("title").isTextual() && problem.path("type").isTextual();
    } catch (IOException e) {
      return false;
    }
  }
}
