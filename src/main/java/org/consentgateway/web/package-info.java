/**
 * The citizen app, served under {@code /app/} by the same router as the API: server-rendered pages
 * (jte templates compiled at build time, {@code src/main/jte/}), in Chinese and English. This part
 * signs citizens in and keeps their sessions: OpenID Connect authorization code flow with PKCE
 * against the configured identity provider ({@link org.consentgateway.web.SignInRoutes}), or the
 * gateway's own demo provider with the demo keys only ({@link org.consentgateway.web.DemoIdentityProvider});
 * server-side sessions in PostgreSQL ({@code web_sessions}, owned here) behind an HttpOnly,
 * SameSite=Lax cookie; and the CSRF check of every form ({@link org.consentgateway.web.CitizenSessions}).
 * Handlers run on the event loop and never block: the database through the reactive pool, the
 * identity provider through Vert.x's WebClient.
 */
package org.consentgateway.web;
