/**
 * Programs of the end-to-end query benchmark (bench/query-load.sh), not tests: the consent
 * lifecycle load that makes the consents through the API, and the bare baseline, a minimal Vert.x +
 * PostgreSQL server doing the query's database round trips.
 */
package org.consentgateway.bench;
