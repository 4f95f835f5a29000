/**
 * The `gateway` command line (picocli): `serve`, `keys`, `records`, `db`. Commands run on the caller's thread and may block; they never run on a Vert.x event loop.
 */
package org.consentgateway.cli;
