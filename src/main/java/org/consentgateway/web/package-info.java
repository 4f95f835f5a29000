/**
 * The citizen's web app, served under {@code /app/}: server-rendered pages from precompiled jte
 * templates ({@code src/main/jte/}), Chinese by default and English by a visible switch, strict
 * security headers on every answer ({@link org.consentgateway.web.SecurityHeaders}), scripts only
 * to enhance. A layer beside {@code http}: it uses the capabilities' Java APIs, never the HTTP API.
 *
 * <p>Citizens sign in with the OpenID Connect authorization code flow and PKCE against the
 * configured identity provider ({@link org.consentgateway.web.CitizenSignIn}), or, with the demo
 * keys only, against the gateway's own demo provider under {@code /demo-idp}
 * ({@link org.consentgateway.web.DemoIdentityProvider}). Sessions are server-side, in the
 * {@code web_sessions} table this package owns, behind an HttpOnly, SameSite=Lax cookie; every
 * POST under /app carries the session's CSRF token ({@link org.consentgateway.web.CitizenSessions}).
 * Pages reach the session only through {@link org.consentgateway.web.SignedIn}.
 *
 * <p>Handlers run on the event loop and never block: the database through the reactive pool, the
 * identity provider through Vert.x's WebClient.
 *
 * <p>The dashboard, each page behind {@link org.consentgateway.web.SignedIn}'s guard:
 * {@link org.consentgateway.web.Dashboard} (requests and consents), {@link
 * org.consentgateway.web.ConsentActions} (revoke, pause, resume, each confirmed first), {@link
 * org.consentgateway.web.InquiryPages} (who looked, with the elements {@code proof.js} checks, and
 * the citizen's own proofs as JSON), {@link org.consentgateway.web.ReportPage}, {@link
 * org.consentgateway.web.DisputePages}, {@link org.consentgateway.web.StatementPages}, {@link
 * org.consentgateway.web.ExportDownload} and {@link org.consentgateway.web.ComplaintPages} (a
 * complaint about a query from who-looked, and the citizen's complaints with their evidence). A page's work goes through {@link
 * org.consentgateway.web.Responder}, which answers a capability's refusal with the app's error page.
 *
 * <p>The regulator console (package {@code console}, above this one) reuses the page machinery:
 * {@link org.consentgateway.web.Pages} and the layout (a {@link org.consentgateway.web.Page} under
 * {@code /console} gets the console's name, home and sign-out), {@link
 * org.consentgateway.web.PageArea} (headers and error page for a path prefix), {@link
 * org.consentgateway.web.SessionKeeper} (loading a session, the CSRF check, a new id at sign-in,
 * sign-out, over a table of its own), {@link org.consentgateway.web.SessionCookie}, {@link
 * org.consentgateway.web.RandomTokens} and {@link org.consentgateway.web.SessionPurge}, and the static files, {@code proof.js} checking the log's
 * consistency there as it checks inclusion here.
 */
package org.consentgateway.web;
