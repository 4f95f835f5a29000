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

  /** As {@link #render(RoutingContext, ConsoleRoutes.Section, String, Map)}, answering {@code status}: 400 for a form with errors. */
  void render(RoutingContext context, int status, ConsoleRoutes.Section section, String template, Map<String, Object> parameters) {
    Principal member = sessions.member(context);
    Messages words = pages.messages(context);
    List<NavLink> nav = ConsoleRoutes.visibleTo(member).stream()
        .map(link -> new NavLink(link.path(), words.text(link.nameKey()), link.equals(section))).toList();
    Map<String, Object> all = new HashMap<>(parameters);
    all.put("nav", nav);
    all.put("member", words.text("console.member." + member.role().wireName(), member.id()));
    pages.render(context, status, template, sessions.page(context, section.nameKey()), all);
  }

  /** Times, record kinds and the like in the reader's words, as the citizen app shows them. */
  Labels labels(RoutingContext context) {
    return new Labels(pages.messages(context), purposes);
  }
}
