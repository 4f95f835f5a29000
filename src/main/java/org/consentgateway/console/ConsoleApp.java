package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.CaseFiles;
import org.consentgateway.audit.Cosignatures;
import org.consentgateway.audit.PublicCheckpoint;
import org.consentgateway.audit.WitnessConfig;
import org.consentgateway.complaint.Complaints;
import org.consentgateway.dispute.Disputes;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.repair.Repairs;
import org.consentgateway.supervision.Statistics;
import org.consentgateway.supervision.EntrySearch;
import org.consentgateway.supervision.Signals;
import org.consentgateway.web.PageArea;
import org.consentgateway.web.Pages;
import org.consentgateway.web.ProofPins;
import org.consentgateway.web.RandomTokens;
import org.consentgateway.web.Responder;
import org.consentgateway.web.SecurityHeaders;
import org.consentgateway.web.SessionCookie;
import org.consentgateway.web.SessionPurge;

/**
 * The regulator console under {@code /console/}, built once: its headers and error page, its
 * sessions (before every console route), its sign-in, and its pages. What it is handed is what
 * its pages read; it writes only its own sessions and the audit entries of its reads.
 */
public final class ConsoleApp {

  /** The witnesses the log page reports on, and where their cosignatures are kept. */
  public record Witnessing(WitnessConfig witnesses, Cosignatures cosignatures, PublicCheckpoint publicCheckpoint) {
    public Witnessing {
      requireNonNull(witnesses, "witnesses is null");
      requireNonNull(cosignatures, "cosignatures is null");
      requireNonNull(publicCheckpoint, "publicCheckpoint is null");
    }
  }

  /** What the console needs of the gateway's capabilities. */
  public record Parts(ClientRegistry registry, AuditStore auditStore, AuditLog auditLog, ProofPins proofPins, Witnessing witnessing,
      Disputes disputes, PurposeCatalog purposes, Statistics statistics, EntrySearch search, CaseFiles cases, Signals signals,
      Complaints complaints,
      Repairs repairs) {
    public Parts {
      requireNonNull(registry, "registry is null");
      requireNonNull(auditStore, "auditStore is null");
      requireNonNull(auditLog, "auditLog is null");
      requireNonNull(proofPins, "proofPins is null");
      requireNonNull(witnessing, "witnessing is null");
      requireNonNull(disputes, "disputes is null");
      requireNonNull(purposes, "purposes is null");
      requireNonNull(statistics, "statistics is null");
      requireNonNull(search, "search is null");
      requireNonNull(cases, "cases is null");
      requireNonNull(signals, "signals is null");
      requireNonNull(complaints, "complaints is null");
      requireNonNull(repairs, "repairs is null");
    }
  }

  private final List<Consumer<Router>> routes;
  private final SessionPurge purge;

  private ConsoleApp(List<Consumer<Router>> routes, SessionPurge purge) {
    this.routes = List.copyOf(routes);
    this.purge = purge;
  }

  /**
   * @param issuer the gateway's public URL: the console's audience is under it, and it decides whether the cookie is {@code Secure}
   * @param responder answers a failure under /console with the error page
   */
  public static ConsoleApp create(ConsoleConfig config, IdentityConfig identity, String issuer, Vertx vertx, Pool pool, Pages pages,
      Responder responder, Parts parts, Clock clock) {
    requireNonNull(config, "config is null");
    RandomTokens random = new RandomTokens();
    ConsoleSessionStore store = new ConsoleSessionStore(pool, config);
    ConsoleSessions sessions = new ConsoleSessions(store, SessionCookie.forIssuer(issuer, ConsoleSessions.COOKIE_NAME), pages, random,
        clock);
    ConsoleView view = new ConsoleView(sessions, pages, parts.purposes());
    ChallengeAnswers answers = new ChallengeAnswers(issuer, identity.clockSkew(), identity.maxAssertionLifetime(), clock);
    // The console's forms go to the gateway only.
    PageArea area = new PageArea(ConsoleRoutes.PREFIX, new SecurityHeaders(List.of()), responder);
    List<Consumer<Router>> routes = List.of(
        area::mount,
        router -> router.route().handler(sessions::handle),
        new ConsoleSignIn(sessions, store, parts.registry(), answers, ChallengeAnswers.audience(issuer), pages, random, config,
            clock)::mount,
        new LogPage(sessions, view, pages, responder, parts.auditStore(), parts.auditLog(), parts.proofPins(),
            parts.witnessing(), clock)::mount,
        new OverdueDisputesPage(sessions, view, responder, parts.disputes(), clock)::mount,
        new StatisticsPage(sessions, view, responder, parts.statistics(), parts.auditLog(), clock)::mount,
        new SearchPage(sessions, view, pages, responder, parts.search(), parts.cases(), parts.auditStore(), parts.auditLog(),
            parts.purposes(), clock)::mount,
        new SignalsPage(sessions, view, responder, parts.signals(), parts.auditLog(), clock)::mount,
        new ComplaintsPage(sessions, view, responder, parts.complaints(), parts.registry(), parts.auditLog(), clock)::mount,
        new ComplaintPage(sessions, view, pages, responder, parts.complaints(), parts.registry(), parts.auditLog(), clock)::mount,
        new RepairApplicationsPage(sessions, view, pages, responder, parts.repairs(), clock)::mount);
    return new ConsoleApp(routes, new SessionPurge(vertx, store::purge, clock));
  }

  /** Mounts the headers and error page, the session handler (loads the session, checks every form's CSRF token), then the pages. */
  public void mount(Router router) {
    routes.forEach(route -> route.accept(router));
  }

  public void startPurge() {
    purge.start();
  }

  public void stopPurge() {
    purge.stop();
  }
}
