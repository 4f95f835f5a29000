/**
 * The citizen's web app, served under {@code /app/}: server-rendered pages from precompiled jte
 * templates ({@code src/main/jte/}), Chinese by default and English by a visible switch, strict
 * security headers on every answer ({@link org.consentgateway.web.SecurityHeaders}), scripts only
 * to enhance. A layer beside {@code http}: it uses the capabilities' Java APIs, never the HTTP API.
 * Handlers run on the event loop and never block.
 */
package org.consentgateway.web;
