/**
 * Configuration primitives: the layered settings (defaults, then a YAML file, then {@code GATEWAY_*}
 * environment variables) with dash-case keys, and the key names. Each capability reads its own
 * config record from them; {@code wiring.GatewayConfig} gathers them. Loading blocks (it reads a
 * file) and happens once at start-up.
 */
package org.consentgateway.config;
