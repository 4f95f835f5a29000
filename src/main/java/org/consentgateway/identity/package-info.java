/**
 * Who is calling, and what may they do: the registries of institutions, regulators and operators;
 * client authentication ({@code private_key_jwt}) and access tokens
 * ({@link org.consentgateway.identity.TokenIssuer}); citizen tokens from the identity provider; and
 * {@link org.consentgateway.identity.Authenticator}, which turns a bearer token into a principal.
 * Owns the tables {@code institutions}, {@code regulators}, {@code operators} and
 * {@code client_assertion_ids}.
 *
 * <p>Threading: {@code RegistryAdmin} is blocking JDBC for the command line; everything the HTTP
 * routes use runs on the event loop and never blocks.
 */
package org.consentgateway.identity;
