/**
 * The system of record: the embedded PostgreSQL server, Flyway migrations (blocking, JDBC, start-up
 * only) and the reactive connection pool and Hibernate Reactive session factory used on the event
 * loop, every pool bounded by {@link org.consentgateway.db.PoolTimeouts}; and
 * {@link org.consentgateway.db.DatabaseFailure}, the one test of whether a failure means the
 * database cannot answer now (which the HTTP answers and the app's pages turn into 503).
 */
package org.consentgateway.db;
