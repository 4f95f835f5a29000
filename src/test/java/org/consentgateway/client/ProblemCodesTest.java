package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** Every code the gateway answers with arrives as its typed exception; a code not known yet as the generic one. */
class ProblemCodesTest {

  @Test
  void theClientKnowsExactlyTheGatewaysCodes() {
    assertThat(Arrays.stream(ProblemCode.values()).map(ProblemCode::wireName))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
  }

  @Test
  void eachCodeMapsToTheExceptionOfItsKind() {
    Map<ErrorCode, Class<? extends GatewayProblemException>> kinds = Map.ofEntries(
        Map.entry(ErrorCode.INVALID_REQUEST, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.UNAUTHENTICATED, GatewayProblemException.Unauthenticated.class),
        Map.entry(ErrorCode.FORBIDDEN, GatewayProblemException.Forbidden.class),
        Map.entry(ErrorCode.CONSENT_INVALID, GatewayProblemException.ConsentRefused.class),
        Map.entry(ErrorCode.CONSENT_EXPIRED, GatewayProblemException.ConsentRefused.class),
        Map.entry(ErrorCode.CONSENT_REVOKED, GatewayProblemException.ConsentRefused.class),
        Map.entry(ErrorCode.CONSENT_EXHAUSTED, GatewayProblemException.ConsentRefused.class),
        Map.entry(ErrorCode.CONSENT_NOT_YOURS, GatewayProblemException.ConsentRefused.class),
        Map.entry(ErrorCode.PURPOSE_MISMATCH, GatewayProblemException.ConsentRefused.class),
        Map.entry(ErrorCode.GRADE_EXCEEDS_CONSENT, GatewayProblemException.ConsentRefused.class),
        Map.entry(ErrorCode.PURPOSE_NOT_PERMITTED, GatewayProblemException.ConsentRefused.class),
        Map.entry(ErrorCode.NOT_FOUND, GatewayProblemException.NotFound.class),
        Map.entry(ErrorCode.METHOD_NOT_ALLOWED, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.REQUEST_TIMEOUT, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.CONFLICT, GatewayProblemException.Conflict.class),
        Map.entry(ErrorCode.COMPLAINT_OPEN, GatewayProblemException.Conflict.class),
        Map.entry(ErrorCode.COMPLAINT_STATUS, GatewayProblemException.Conflict.class),
        Map.entry(ErrorCode.PAYLOAD_TOO_LARGE, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.URI_TOO_LONG, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.UNSUPPORTED_MEDIA_TYPE, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.EXPECTATION_FAILED, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.RATE_LIMITED, GatewayProblemException.RateLimited.class),
        Map.entry(ErrorCode.HEADER_FIELDS_TOO_LARGE, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.INTERNAL_ERROR, GatewayProblemException.ServerError.class),
        Map.entry(ErrorCode.UNAVAILABLE, GatewayProblemException.Unavailable.class),
        Map.entry(ErrorCode.REPAIR_NOT_ALLOWED, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.REPAIR_TOO_EARLY, GatewayProblemException.InvalidRequest.class),
        Map.entry(ErrorCode.REPAIR_NOT_PENDING, GatewayProblemException.Conflict.class));
    assertThat(kinds).hasSize(ErrorCode.values().length);
    for (ErrorCode code : ErrorCode.values()) {
      GatewayProblemException exception = GatewayProblemException.of(
          new Problem(code.status(), code.code(), code.title(), Optional.of(Duration.ofSeconds(2))));
      assertThat(exception).as(code.code()).isExactlyInstanceOf(kinds.get(code));
      assertThat(exception.code()).contains(ProblemCode.valueOf(code.name()));
      assertThat(exception.retryAfter()).contains(Duration.ofSeconds(2));
      assertThat(exception.getMessage()).contains(code.code());
    }
  }

  @Test
  void aCodeTheClientDoesNotKnowIsTheGenericProblem() {
    GatewayProblemException exception = GatewayProblemException.of(new Problem(418, "teapot_full", "Short and stout.", Optional.empty()));

    assertThat(exception).isExactlyInstanceOf(GatewayProblemException.UnknownProblem.class);
    assertThat(exception.code()).isEmpty();
    assertThat(exception.problem().code()).isEqualTo("teapot_full");
  }
}
