package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.Cosignatures;
import org.consentgateway.audit.DatedCheckpoint;
import org.consentgateway.audit.PublicCheckpoint;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.StoredCheckpoint;
import org.consentgateway.audit.WitnessConfig;
import org.consentgateway.audit.WitnessProgress;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;
import org.consentgateway.web.Pages;
import org.consentgateway.web.ProofPins;
import org.consentgateway.web.Responder;

/**
 * The console's start page, the log's state: its size, the latest signed checkpoint and its age,
 * and whether the previous checkpoint's log is a prefix of the latest's. That last is not the
 * server's word: the page's script ({@code proof.js}) fetches the two checkpoints and the
 * consistency proof from {@value ConsoleRoutes#CONSISTENCY} and checks both signatures and the
 * proof in the browser, against the verifier key pinned in the page.
 *
 * <p>The proof is served here, behind the console session, rather than by the page calling
 * {@code /v1/audit/proofs/consistency}: the API takes bearer tokens only, so no cookie ever opens
 * it (no cross-site request can ride on a session there). It is recorded as the API's read is: an
 * {@code audit.read} entry by the member, with the hash of the bytes disclosed, before they leave.
 */
final class LogPage {

  private final ConsoleSessions sessions;
  private final ConsoleView view;
  private final Pages pages;
  private final Responder responder;
  private final AuditStore store;
  private final AuditLog log;
  private final ProofPins pins;
  private final WitnessConfig witnesses;
  private final Cosignatures cosignatures;
  private final PublicCheckpoint publicCheckpoint;
  private final Clock clock;

  LogPage(ConsoleSessions sessions, ConsoleView view, Pages pages, Responder responder, AuditStore store, AuditLog log,
      ProofPins pins, ConsoleApp.Witnessing witnessing, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.view = requireNonNull(view, "view is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.store = requireNonNull(store, "store is null");
    this.log = requireNonNull(log, "log is null");
    this.pins = requireNonNull(pins, "pins is null");
    requireNonNull(witnessing, "witnessing is null");
    this.witnesses = witnessing.witnesses();
    this.cosignatures = witnessing.cosignatures();
    this.publicCheckpoint = witnessing.publicCheckpoint();
    this.clock = requireNonNull(clock, "clock is null");
  }

  void mount(Router router) {
    router.get(ConsoleRoutes.HOME).handler(sessions.guard(ConsoleRoutes.LOG.roles())).handler(this::page);
    router.get(ConsoleRoutes.CONSISTENCY).handler(sessions.guard(ConsoleRoutes.LOG.roles())).handler(this::consistency);
  }

  private void page(RoutingContext context) {
    responder.respond(context, this::state, state -> view.render(context, ConsoleRoutes.LOG, "console/log.jte", Map.of(
        "state", state, "pins", pins, "labels", view.labels(context), "consistencyUrl", ConsoleRoutes.CONSISTENCY)));
  }

  private Future<LogState> state() {
    return store.size().compose(size -> store.latestCheckpoints(2).compose(latest -> witnessStates(latest).compose(
        witnessStates -> publicSize().map(publicSize -> {
          Optional<DatedCheckpoint> newest = latest.stream().findFirst();
          long age = newest.map(dated -> minutesSince(dated.publishedAt())).orElse(0L);
          return new LogState(size, newest, latest.stream().skip(1).findFirst(), age, witnessStates, witnesses.quorum(), publicSize);
        }))));
  }

  // Every configured witness, with what any gateway on this database has stored of its cosignatures.
  private Future<List<WitnessState>> witnessStates(List<DatedCheckpoint> latest) {
    if (witnesses.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    long latestSize = latest.isEmpty() ? 0 : latest.get(0).checkpoint().size();
    return cosignatures.progress().map(progress -> {
      Map<String, WitnessProgress> byName = new HashMap<>();
      progress.forEach(one -> byName.put(one.witness(), one));
      List<WitnessState> states = new ArrayList<>();
      for (WitnessConfig.Witness witness : witnesses.witnesses()) {
        String name = witness.key().name();
        Optional<WitnessProgress> known = Optional.ofNullable(byName.get(name));
        long cosigned = known.map(WitnessProgress::size).orElse(0L);
        states.add(new WitnessState(name, witness.url().toString(), cosigned, known.map(WitnessProgress::cosignedAt),
            known.map(one -> minutesSince(one.cosignedAt())).orElse(0L), Math.max(0, latestSize - cosigned)));
      }
      return states;
    });
  }

  private Future<Optional<Long>> publicSize() {
    if (witnesses.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return publicCheckpoint.latest().map(checkpoint -> checkpoint.map(StoredCheckpoint::size));
  }

  private long minutesSince(Instant then) {
    return Math.max(0, Duration.between(then, clock.instant()).toMinutes());
  }

  /** {@code {first: {size, note} | null, second: {size, note}, hashes}}, recorded as the member's read before it is sent. */
  private void consistency(RoutingContext context) {
    Principal member = sessions.member(context);
    responder.respondJson(context, () -> store.latestCheckpoints(2).compose(latest -> {
      if (latest.isEmpty()) {
        return Future.failedFuture(new ProblemException(ErrorCode.NOT_FOUND, "No checkpoint has been signed yet."));
      }
      Future<List<Sha256Hash>> proof = latest.size() > 1
          ? store.consistencyProof(latest.get(1).checkpoint().size(), latest.get(0).checkpoint().size())
          : Future.succeededFuture(List.of());
      return proof.map(hashes -> body(latest, hashes));
    }).compose(body -> {
      byte[] bytes = Pages.encode(body);
      return log.append(AuditEvent.read(clock.instant(), member.actor(), "consistencyProof", Sha256Hash.digest(bytes)))
          .map(appended -> body);
    }), body -> pages.json(context, 200, body));
  }

  /** @param latest the latest checkpoint, then the one before it if there is one */
  private static ObjectNode body(List<DatedCheckpoint> latest, List<Sha256Hash> hashes) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (latest.size() > 1) {
      body.set("first", checkpoint(latest.get(1)));
    } else {
      body.putNull("first");
    }
    body.set("second", checkpoint(latest.get(0)));
    ArrayNode array = body.putArray("hashes");
    hashes.forEach(hash -> array.add(hash.base64()));
    return body;
  }

  private static ObjectNode checkpoint(DatedCheckpoint dated) {
    return JsonNodeFactory.instance.objectNode().put("size", dated.checkpoint().size()).put("note", dated.checkpoint().note());
  }
}
