/**
 * Who is calling, and what may they do: the registries of institutions, regulators and operators;
 * client authentication ({@code private_key_jwt}) and access tokens
 * ({@link org.consentgateway.identity.TokenIssuer}); citizen tokens from the identity provider; and
 * {@link org.consentgateway.identity.Authenticator}, which turns a bearer token into a principal.
 * Owns the tables {@code institutions}, {@code regulators}, {@code operators} and
 * {@code client_assertion_ids}.
 *
 * The registries are entities of Hibernate Reactive, read and written through {@code db.Sessions}
 * ({@code RegistryAdmin} for the command line, {@code ClientRegistry} for the gateway); the entities
 * stay in this package. {@code client_assertion_ids} is on the Vert.x pool. {@code ClientRegistry}'s
 * lookups go through {@code RegistryCache}, emptied whenever the registries' trigger (migration
 * V12, owned here) notifies channel {@code registry_changed}, and trusted only while listening.
 *
 * <p>Threading: nothing here blocks; everything runs on the event loops (the cache is shared by all
 * of them, and invalidated on the listening connection's). The command line waits for
 * the registry's futures on its own thread.
 */
package org.consentgateway.identity;
