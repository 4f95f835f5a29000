/**
 * The system of record: the embedded PostgreSQL server and its supervisor (which starts it again
 * when it dies, on a thread of its own), Flyway migrations (blocking, JDBC, start-up only), the
 * reactive connection pool and Hibernate Reactive session factory used on the event loop, every
 * pool bounded by {@link org.consentgateway.db.PoolTimeouts}; {@link
 * org.consentgateway.db.DatabaseFailure}, the one test of whether a failure means the database
 * cannot answer now (which the HTTP answers and the app's pages turn into 503); the health
 * watcher that tells the operator when the database goes away and comes back; and
 * {@link org.consentgateway.db.ChannelListener}, one connection LISTENing on a channel, which
 * connects again when lost and tells its subscriber of both.
 */
package org.consentgateway.db;
