/**
 * The regulator console, served under {@code /console/} for regulators and operators: the same
 * stack as the citizen app (precompiled jte templates under {@code src/main/jte/console/}, the
 * app's layout, words, security headers and error page from package {@code web}), Chinese by
 * default and English by the visible switch. A layer above {@code web}; it uses the capabilities'
 * Java APIs, never the HTTP API.
 *
 * <p>Sign-in without a password ({@link org.consentgateway.console.ConsoleSignIn}): the page shows
 * a one-time challenge bound to the browser's anonymous session (kept hashed, single use, short
 * lived); the member signs it with the key registered for its {@code private_key_jwt} client
 * ({@code gateway dev sign-challenge}) and the answer is checked by
 * {@link org.consentgateway.identity.ChallengeAnswers}. Sessions are server-side in the
 * {@code console_sessions} table this package owns, behind their own HttpOnly, SameSite=Lax cookie
 * ({@value org.consentgateway.console.ConsoleSessions#COOKIE_NAME}), so a citizen's session opens
 * no console page and a console session no page of the app; every POST carries the session's CSRF
 * token ({@link org.consentgateway.console.ConsoleSessions}).
 *
 * <p>Roles: every page names the roles it admits in {@link org.consentgateway.console.ConsoleRoutes},
 * which both its guard (on the server) and the navigation read. Regulators and operators both see
 * the log's state ({@link org.consentgateway.console.LogPage}, whose consistency check runs in the
 * browser) and the overdue disputes ({@link org.consentgateway.console.OverdueDisputesPage}); only
 * regulators see the statistics ({@link org.consentgateway.console.StatisticsPage}, charts drawn as
 * SVG on the server by {@link org.consentgateway.console.Chart}) and the search of entries with its
 * case export ({@link org.consentgateway.console.SearchPage}), and the citizens' complaints
 * ({@link org.consentgateway.console.ComplaintsPage}, {@link org.consentgateway.console.ComplaintPage}:
 * acknowledge, ask the institution, resolve, through {@code complaint.Complaints}). Only operators see the credit
 * repair applications of the records they provide, and decide them
 * ({@link org.consentgateway.console.RepairApplicationsPage}, through {@code repair.Repairs}).
 */
package org.consentgateway.console;
