package org.consentgateway.console;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;

/**
 * The console's paths and its navigation. Each page is one entry of {@link #SECTIONS}: its path,
 * the message key of its name, and the roles it admits. The page's guard and the navigation both
 * read the entry, so a page is never linked for a role it refuses. Adding a page: a route
 * (mounted behind {@code sessions.guard(section.roles())}), a template under
 * {@code src/main/jte/console/}, its words, an entry here and its line in
 * {@code http.AccessRules.CONSOLE}.
 */
final class ConsoleRoutes {

  static final String PREFIX = "/console";
  static final String HOME = PREFIX + "/";
  static final String SIGN_IN = PREFIX + "/sign-in";
  static final String SIGN_OUT = PREFIX + "/sign-out";
  /** The JSON the log page's script checks: two checkpoints and the consistency proof between them. */
  static final String CONSISTENCY = PREFIX + "/log/consistency";
  static final String OVERDUE_DISPUTES = PREFIX + "/disputes/overdue";
  static final String STATISTICS_PATH = PREFIX + "/statistics";
  static final String SEARCH = PREFIX + "/search";
  /** The search page's "export case" form posts here. */
  static final String SEARCH_CASE = SEARCH + "/case";
  static final String SIGNALS_PATH = PREFIX + "/signals";
  /** The open complaints; one complaint is {@code /console/complaints/<id>}, its three forms post under it. */
  static final String COMPLAINTS_PATH = PREFIX + "/complaints";
  static final String COMPLAINT = COMPLAINTS_PATH + "/:id";
  static final String COMPLAINT_ACKNOWLEDGE = COMPLAINT + "/acknowledge";
  static final String COMPLAINT_ASK = COMPLAINT + "/information-request";
  static final String COMPLAINT_RESOLVE = COMPLAINT + "/resolve";
  /** The operator's pending credit-repair applications, and where each one's forms post and attachments download. */
  static final String REPAIRS_PATH = PREFIX + "/repairs";
  static final String REPAIR_APPROVE = REPAIRS_PATH + "/:id/approve";
  static final String REPAIR_REJECT = REPAIRS_PATH + "/:id/reject";
  static final String REPAIR_ATTACHMENT = REPAIRS_PATH + "/:id/attachments/:n";
  /** A query parameter of the sign-in page: the session it replaces had ended, or was signed out. */
  static final String ENDED = "ended";
  static final String SIGNED_OUT = "signed-out";

  /** Both roles the console admits. */
  static final Set<Role> MEMBERS = Set.copyOf(EnumSet.of(Role.REGULATOR, Role.OPERATOR));
  /** Regulators only: looking for misuse in who queried what (statistics, signals, search) and exporting evidence is the supervisor's job. */
  static final Set<Role> REGULATORS = Set.of(Role.REGULATOR);
  /** Operators only: a data provider decides the repair of its own records; a regulator does not decide them. */
  static final Set<Role> OPERATORS = Set.of(Role.OPERATOR);

  /** A page of the console in its navigation. */
  record Section(String path, String nameKey, Set<Role> roles) {
    Section {
      roles = Set.copyOf(roles);
    }
  }

  static final Section LOG = new Section(HOME, "console.log.title", MEMBERS);
  static final Section OVERDUE = new Section(OVERDUE_DISPUTES, "console.overdue.title", MEMBERS);
  static final Section STATISTICS = new Section(STATISTICS_PATH, "console.stats.title", REGULATORS);
  static final Section SEARCH_SECTION = new Section(SEARCH, "console.search.title", REGULATORS);
  static final Section SIGNALS = new Section(SIGNALS_PATH, "console.signals.title", REGULATORS);
  /** Regulators only: handling complaints about institutions is the supervisor's job, and a complaint holds the citizen's words. */
  static final Section COMPLAINTS = new Section(COMPLAINTS_PATH, "console.complaints.title", REGULATORS);
  static final Section REPAIRS = new Section(REPAIRS_PATH, "console.repairs.title", OPERATORS);
  static final List<Section> SECTIONS = List.of(LOG, OVERDUE, STATISTICS, SIGNALS, SEARCH_SECTION, COMPLAINTS, REPAIRS);

  private ConsoleRoutes() {}

  /** The page of complaint {@code id}. */
  static String complaint(UUID id) {
    return COMPLAINTS_PATH + "/" + id;
  }

  /** The sections {@code member} may open, in navigation order. */
  static List<Section> visibleTo(Principal member) {
    return SECTIONS.stream().filter(section -> section.roles().contains(member.role())).toList();
  }
}
