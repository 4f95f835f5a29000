/**
 * Who is calling, and what may they do: the resident ID number and USCC validators; the
 * registries of institutions, regulators and operators; the token endpoint
 * ({@code private_key_jwt}), access tokens, citizen tokens from the identity provider, and the
 * route guards ({@link org.consentgateway.identity.AccessRules}). Types that hold personal
 * identifiers never print them in full.
 *
 * <p>Threading: {@code RegistryAdmin} is blocking JDBC for the command line; everything the HTTP
 * routes use ({@code ClientRegistry}, {@code AssertionReplayGuard}, the token checks) runs on the
 * event loop and never blocks.
 */
package org.consentgateway.identity;
