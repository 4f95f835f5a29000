package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.consentgateway.consent.Consent;
import org.consentgateway.consent.ConsentChange;
import org.consentgateway.consent.ConsentLifecycle;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.value.Principal;

/**
 * Revoke, pause and resume, each in two steps: {@code GET /app/consents/:id/<change>} is a page
 * that says exactly what the change does to this consent and asks to confirm it; its form's
 * {@code POST} (CSRF-checked by the guard) makes the change through {@link ConsentLifecycle},
 * which audits it, and goes back to the dashboard with a notice. A change the consent no longer
 * allows (it ended, or was changed elsewhere meanwhile) is 409; someone else's consent is 404,
 * as none.
 */
public final class ConsentActions {

  private static final String PREFIX = "/app/consents/";

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final ConsentLifecycle consents;
  private final PurposeCatalog purposes;
  private final Clock clock;

  public ConsentActions(SignedIn signedIn, Pages pages, Responder responder, ConsentLifecycle consents, PurposeCatalog purposes,
      Clock clock) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.consents = requireNonNull(consents, "consents is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The confirmation page of {@code change} to consent {@code id}; its form posts to the same path. */
  public static String path(UUID id, ConsentChange change) {
    return PREFIX + id + "/" + name(change);
  }

  /** The change's name in paths and message keys: {@code revoke}, {@code pause}, {@code resume}. */
  public static String name(ConsentChange change) {
    return change.name().toLowerCase(Locale.ROOT);
  }

  public void mount(Router router) {
    for (ConsentChange change : ConsentChange.values()) {
      String path = PREFIX + ":id/" + name(change);
      router.get(path).handler(signedIn.guard()).handler(context -> confirm(context, change));
      router.post(path).handler(signedIn.guard()).handler(context -> change(context, change));
    }
  }

  private void confirm(RoutingContext context, ConsentChange change) {
    Principal citizen = signedIn.citizen(context);
    Instant now = clock.instant();
    responder.respond(context, () -> {
      UUID id = Paths.id(context);
      return consents.consentsOf(citizen).map(all -> all.stream().filter(consent -> consent.id().equals(id)).findFirst()
          .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "No such consent.")));
    }, consent -> {
      if (!change.allowedFrom(consent.statusAt(now))) {
        throw new ProblemException(ErrorCode.CONFLICT, "The consent does not allow this change now.");
      }
      Page page = pages.page(context, "change." + name(change) + ".title", signedIn.csrfToken(context));
      pages.render(context, 200, "dashboard/change.jte", page, Map.of("consent", consent, "change", change,
          "action", path(consent.id(), change), "labels", new Labels(page.messages(), purposes)));
    });
  }

  private void change(RoutingContext context, ConsentChange change) {
    Principal citizen = signedIn.citizen(context);
    responder.respond(context, () -> {
      UUID id = Paths.id(context);
      Future<Consent> changed = switch (change) {
        case REVOKE -> consents.revoke(citizen, id).map(ConsentLifecycle.Receipted::consent);
        case PAUSE -> consents.pause(citizen, id);
        case RESUME -> consents.resume(citizen, id);
      };
      return changed;
    }, changed -> pages.redirect(context, notice(change).after(Dashboard.PATH)));
  }

  private static Notice notice(ConsentChange change) {
    return switch (change) {
      case REVOKE -> Notice.REVOKED;
      case PAUSE -> Notice.PAUSED;
      case RESUME -> Notice.RESUMED;
    };
  }
}
