package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.LifecycleEntry;
import org.consentgateway.consent.Consent;
import org.consentgateway.consent.ConsentLifecycle;
import org.consentgateway.consent.ConsentRequest;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.value.Principal;

/**
 * {@value #PATH}, the signed-in citizen's start page: the requests waiting for their answer (each
 * leading to its consent screen), their consents active, paused and ended with each one's
 * lifecycle as the audit log records it (the same entries as their export), and a way to revoke,
 * pause or resume each. Nothing here changes anything: each change has its confirmation page
 * ({@link ConsentActions}).
 */
public final class Dashboard {

  public static final String PATH = "/app/";
  /** Where a pending request is answered: the consent screen. */
  public static final String REQUEST_PATH = "/app/consent-requests/";

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final ConsentLifecycle consents;
  private final InquiryStore inquiries;
  private final PurposeCatalog purposes;
  private final Clock clock;

  public Dashboard(SignedIn signedIn, Pages pages, Responder responder, ConsentLifecycle consents, InquiryStore inquiries,
      PurposeCatalog purposes, Clock clock) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.consents = requireNonNull(consents, "consents is null");
    this.inquiries = requireNonNull(inquiries, "inquiries is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void mount(Router router) {
    router.get(PATH).handler(signedIn.guard()).handler(this::show);
  }

  private void show(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    responder.respond(context, () -> {
      Future<List<ConsentRequest>> requests = consents.requestsOf(citizen);
      Future<List<Consent>> granted = consents.consentsOf(citizen);
      Future<List<AuditEntry>> lifecycle = inquiries.consentEvents(citizen.id());
      return Future.all(requests, granted, lifecycle).map(all -> DashboardView.of(requests.result(), granted.result(),
          LifecycleEntry.byConsent(lifecycle.result()), clock.instant()));
    }, view -> {
      Page page = pages.page(context, "dashboard.title", signedIn.csrfToken(context));
      pages.render(context, 200, "dashboard/home.jte", page, Map.of("view", view, "labels", new Labels(page.messages(), purposes),
          "notice", Notice.of(context), "signedInAs", SignInRoutes.shortRef(citizen.id())));
    });
  }
}
