package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.value.Principal;
import org.consentgateway.web.Labels;
import org.consentgateway.web.Messages;
import org.consentgateway.web.Page;
import org.consentgateway.web.Pages;

/**
 * Renders a console page inside its shell: the layout, the navigation the member's role may open,
 * and who is signed in. A page hands over its template, its title's key and its own parameters.
 */
final class ConsoleView {

  private final ConsoleSessions sessions;
  private final Pages pages;
  private final PurposeCatalog purposes;

  ConsoleView(ConsoleSessions sessions, Pages pages, PurposeCatalog purposes) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
  }

  /** Sends {@code template} (under src/main/jte) for the section {@code section}, with the page's {@code parameters}. */
  void render(RoutingContext context, ConsoleRoutes.Section section, String template, Map<String, Object> parameters) {
    render(context, 200, section, template, parameters);
  }

  /** As {@link #render(RoutingContext, ConsoleRoutes.Section, String, Map)}, answered with {@code status} (a form with a mistake: 400). */
  void render(RoutingContext context, int status, ConsoleRoutes.Section section, String template, Map<String, Object> parameters) {
    render(context, status, section, template, parameters, sessions.page(context, section.nameKey()));
  }

  /**
   * As {@link #render(RoutingContext, int, ConsoleRoutes.Section, String, Map)}, for the answer to a
   * form (a mistake in it): the language switch leads to {@code formPage}, the page the form is on,
   * since the form's own path takes only POST.
   */
  void renderAnswer(RoutingContext context, int status, ConsoleRoutes.Section section, String template, Map<String, Object> parameters,
      String formPage) {
    render(context, status, section, template, parameters, sessions.page(context, section.nameKey(), formPage));
  }

  private void render(RoutingContext context, int status, ConsoleRoutes.Section section, String template, Map<String, Object> parameters,
      Page page) {
    Principal member = sessions.member(context);
    Messages words = pages.messages(context);
    List<NavLink> nav = ConsoleRoutes.visibleTo(member).stream()
        .map(link -> new NavLink(link.path(), words.text(link.nameKey()), link.equals(section))).toList();
    Map<String, Object> all = new HashMap<>(parameters);
    all.put("nav", nav);
    all.put("member", words.text("console.member." + member.role().wireName(), member.id()));
    pages.render(context, status, template, page, all);
  }

  /** The reader's words, for what a page says outside its template (a form's errors). */
  Messages words(RoutingContext context) {
    return pages.messages(context);
  }

  /** Times, record kinds and the like in the reader's words, as the citizen app shows them. */
  Labels labels(RoutingContext context) {
    return new Labels(pages.messages(context), purposes);
  }
}
