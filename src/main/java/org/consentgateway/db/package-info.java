/**
 * The system of record: the embedded PostgreSQL server, Flyway migrations (blocking, JDBC, start-up only) and the reactive connection pool and Hibernate Reactive session factory used on the event loop.
 */
package org.consentgateway.db;
