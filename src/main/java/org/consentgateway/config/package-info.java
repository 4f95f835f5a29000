/**
 * Configuration: defaults, then a YAML file, then `GATEWAY_*` environment variables; dash-case keys, one record per capability. Loading blocks (it reads a file) and happens once at start-up.
 */
package org.consentgateway.config;
