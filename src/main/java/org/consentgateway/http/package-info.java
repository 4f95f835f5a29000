/**
 * The HTTP surface: the Vert.x router, RFC 9457 problem responses, health and metrics. Handlers run on the event loop and never block.
 */
package org.consentgateway.http;
