package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.identity.ClientRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the consent events an institution is owed (issue 5 "Notifications") into the durable
 * outbox {@code consent_notifications}, for {@link WebhookDeliverer} to POST. Each event is a JWS
 * ({@code typ} {@code consent-event+jwt}) naming the consent and what happened to it, never a
 * person. An institution without a webhook gets no row.
 *
 * <p>Enqueueing never fails and never delays the action it reports: it runs after the state
 * change has committed, is not waited for, and a failure is logged.
 *
 * <p>The stores that change consents (consent lifecycle, expiry, query) are given this object by
 * the gateway's wiring and call {@link #enqueue} after their change has committed.
 */
public final class ConsentNotifications {

  public static final JOSEObjectType EVENT_TYPE = new JOSEObjectType("consent-event+jwt");

  private static final Logger LOG = LoggerFactory.getLogger(ConsentNotifications.class);

  /** What happened to a consent; the {@code event} claim is its lower-case name. */
  public enum Event {
    REVOKED, PAUSED, RESUMED, EXPIRED, EXHAUSTED;

    public String claim() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Pool pool;
  private final ClientRegistry registry;
  private final GatewayJwt jwt;
  private final String issuer;
  private final Clock clock;

  public ConsentNotifications(Pool pool, ClientRegistry registry, GatewayJwt jwt, String issuer, Clock clock) {
    this.pool = requireNonNull(pool, "pool is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.jwt = requireNonNull(jwt, "jwt is null");
    this.issuer = requireNonNull(issuer, "issuer is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Signs the event and writes it for the institution's webhook, if it has one; the result never fails. */
  public Future<Void> enqueue(UUID consentId, String institutionUscc, Event event) {
    try {
      String jws = sign(consentId, institutionUscc, event);
      return registry.webhookUrl(institutionUscc)
          .compose(url -> url.isEmpty() ? Future.<Void>succeededFuture() : pool
              .preparedQuery("insert into consent_notifications (institution_uscc, url, event_jws, attempts, next_attempt_at, "
                  + "created_at) values ($1, $2, $3, 0, now(), now())")
              .execute(Tuple.of(institutionUscc, url.get(), jws))
              .<Void>mapEmpty())
          .recover(failure -> logged(consentId, event, failure));
    } catch (RuntimeException e) {
      return logged(consentId, event, e);
    }
  }

  /**
   * Signs an event of another capability for the institution's webhook (a complaint's: {@code typ}
   * {@code complaint-event+jwt}) and writes it into the same outbox, delivered the same way; the
   * standard claims ({@code iss}, {@code aud}, {@code jti}, {@code iat}) are added here. Like
   * {@link #enqueue}, the result never fails: {@code what} names the event in the warning logged
   * when it cannot be written, and must name no person.
   */
  public Future<Void> enqueueEvent(String institutionUscc, JOSEObjectType type, Map<String, Object> claims, String what) {
    try {
      JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
          .issuer(issuer)
          .audience(institutionUscc)
          .jwtID(UUID.randomUUID().toString())
          .issueTime(Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
      claims.forEach(builder::claim);
      String jws = jwt.sign(type, builder.build());
      return registry.webhookUrl(institutionUscc)
          .compose(url -> url.isEmpty() ? Future.<Void>succeededFuture() : pool
              .preparedQuery("insert into consent_notifications (institution_uscc, url, event_jws, attempts, next_attempt_at, "
                  + "created_at) values ($1, $2, $3, 0, now(), now())")
              .execute(Tuple.of(institutionUscc, url.get(), jws))
              .<Void>mapEmpty())
          .recover(failure -> logged(what, failure));
    } catch (RuntimeException e) {
      return logged(what, e);
    }
  }

  private static Future<Void> logged(String what, Throwable failure) {
    LOG.warn("could not enqueue the notification of {}: {}", what, failure.toString());
    return Future.succeededFuture();
  }

  String sign(UUID consentId, String institutionUscc, Event event) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(institutionUscc)
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
        .claim("consent_id", consentId.toString())
        .claim("event", event.claim())
        .build();
    return jwt.sign(EVENT_TYPE, claims);
  }

  private static Future<Void> logged(UUID consentId, Event event, Throwable failure) {
    LOG.warn("could not enqueue the {} notification of consent {}: {}", event.claim(), consentId, failure.toString());
    return Future.succeededFuture();
  }
}
