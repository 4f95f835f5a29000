package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.RegisteredClient;
import org.consentgateway.value.Principal;
import org.consentgateway.web.Pages;
import org.consentgateway.web.RandomTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in to the console without a password: the page shows a one-time challenge (random, bound to
 * this browser's anonymous session, kept there only as its hash, valid for
 * {@link ConsoleConfig#challengeLifetime()}); the member signs it with the key registered for its
 * {@code private_key_jwt} client ({@code gateway dev sign-challenge}) and pastes the answer. Any
 * answer uses the challenge up, right or wrong; a refused one is shown again with a new challenge.
 * Logs say why a sign-in was refused, never the answer or the challenge.
 */
final class ConsoleSignIn {

  static final String CLIENT_ID = "client_id";
  static final String ANSWER = "answer";
  static final String CHALLENGE = "challenge";

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleSignIn.class);
  private static final int MAX_CLIENT_ID_LENGTH = 64;

  /** Why a sign-in was refused, beyond what {@link ChallengeAnswers} decides: the session's challenge, missing fields. */
  private static final String CHALLENGE_GONE = "challenge-gone";
  private static final String MISSING = "missing";

  private final ConsoleSessions sessions;
  private final ConsoleSessionStore store;
  private final ClientRegistry registry;
  private final ChallengeAnswers answers;
  private final String audience;
  private final Pages pages;
  private final RandomTokens random;
  private final ConsoleConfig config;
  private final Clock clock;

  ConsoleSignIn(ConsoleSessions sessions, ConsoleSessionStore store, ClientRegistry registry, ChallengeAnswers answers,
      String audience, Pages pages, RandomTokens random, ConsoleConfig config, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.store = requireNonNull(store, "store is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.answers = requireNonNull(answers, "answers is null");
    this.audience = requireNonNull(audience, "audience is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.random = requireNonNull(random, "random is null");
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  void mount(Router router) {
    router.get(ConsoleRoutes.SIGN_IN).handler(context -> {
      String notice = context.request().getParam(ConsoleRoutes.SIGNED_OUT) != null ? "console.signin.signed-out"
          : context.request().getParam(ConsoleRoutes.ENDED) != null || ConsoleSessions.ended(context) ? "console.signin.ended" : "";
      show(context, 200, "", "", notice);
    });
    router.post(ConsoleRoutes.SIGN_IN).handler(this::answer);
    router.post(ConsoleRoutes.SIGN_OUT).handler(context -> sessions.signOut(context)
        .onSuccess(done -> pages.redirect(context, ConsoleRoutes.SIGN_IN + "?" + ConsoleRoutes.SIGNED_OUT + "=1"))
        .onFailure(context::fail));
  }

  /** The sign-in page with a fresh challenge; {@code refusal} names why the last answer was refused (empty: none). */
  private void show(RoutingContext context, int status, String clientId, String refusal, String notice) {
    if (ConsoleSessions.signedIn(context).isPresent()) {
      pages.redirect(context, ConsoleRoutes.HOME);
      return;
    }
    String challenge = random.next();
    sessions.sessionOrNew(context)
        .compose(session -> store.offerChallenge(session.token(), challenge, clock.instant().plus(config.challengeLifetime()))
            .map(offered -> session))
        .onSuccess(session -> {
          Map<String, Object> parameters = new HashMap<>();
          parameters.put("challenge", challenge);
          parameters.put("audience", audience);
          parameters.put("clientId", clientId);
          parameters.put("refusal", refusal.isEmpty() ? "" : pages.messages(context).text("console.signin.refused." + refusal));
          parameters.put("notice", notice.isEmpty() ? "" : pages.messages(context).text(notice));
          parameters.put("minutes", config.challengeLifetime().toMinutes());
          pages.render(context, status, "console/sign-in.jte", pages.signInPage(context, "console.signin.title", session.csrfToken()),
              parameters);
        })
        .onFailure(context::fail);
  }

  /** The form: its CSRF token was checked before this runs. */
  private void answer(RoutingContext context) {
    Optional<ConsoleSession> session = ConsoleSessions.session(context);
    if (session.isEmpty() || session.get().member().isPresent()) {
      pages.redirect(context, ConsoleRoutes.HOME);
      return;
    }
    String answer = field(context, ANSWER);
    String challenge = field(context, CHALLENGE);
    String clientId = field(context, CLIENT_ID);
    if (clientId.isEmpty()) {
      clientId = ChallengeAnswers.claimedClientId(answer).orElse("");
    }
    String member = clientId.length() > MAX_CLIENT_ID_LENGTH ? "" : clientId;
    store.takeChallenge(session.get().token(), challenge, clock.instant()).compose(taken -> {
      if (answer.isEmpty() || member.isEmpty()) {
        return Future.succeededFuture(Optional.of(MISSING));
      }
      if (!taken) {
        return Future.succeededFuture(Optional.of(CHALLENGE_GONE));
      }
      return registry.findAfresh(member).compose(found -> found
          .map(client -> verified(context, session.get(), answer, challenge, client))
          .orElseGet(() -> Future.succeededFuture(Optional.of(problemKey(ChallengeAnswers.Problem.UNKNOWN_CLIENT)))));
    }).onSuccess(refusal -> refusal.ifPresent(reason -> {
      LOG.info("console sign-in refused: {}", reason);
      show(context, 400, member, reason, "");
    })).onFailure(context::fail);
  }

  /** Signs the member in when the answer is good; else why not. */
  private Future<Optional<String>> verified(RoutingContext context, ConsoleSession anonymous, String answer, String challenge,
      RegisteredClient client) {
    Optional<ChallengeAnswers.Problem> problem = answers.check(answer, challenge, client);
    if (problem.isPresent()) {
      return Future.succeededFuture(Optional.of(problemKey(problem.get())));
    }
    Principal member = new Principal(client.role(), client.id());
    return sessions.signIn(context, anonymous, member).map(done -> {
      LOG.info("{} signed in to the console", member.actor());
      pages.redirect(context, ConsoleRoutes.HOME);
      return Optional.empty();
    });
  }

  // Every problem decided: one added later does not compile until it has its words.
  private static String problemKey(ChallengeAnswers.Problem problem) {
    return switch (problem) {
      case MALFORMED -> "malformed";
      case UNKNOWN_CLIENT, BAD_SIGNATURE -> "not-verified";
      case DISABLED -> "disabled";
      case WRONG_AUDIENCE -> "wrong-audience";
      case WRONG_CHALLENGE -> "wrong-challenge";
      case EXPIRED -> "expired";
    };
  }

  private static String field(RoutingContext context, String name) {
    String value = context.request().getFormAttribute(name);
    return value == null ? "" : value.strip();
  }
}
