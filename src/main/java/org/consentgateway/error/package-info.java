/**
 * The stable error codes of the public contract ({@link org.consentgateway.error.ErrorCode}, each with
 * its HTTP status) and the exception that carries one to the caller
 * ({@link org.consentgateway.error.ProblemException}). Every denial in every capability is one of these
 * codes; the HTTP layer turns them into RFC 9457 problem responses. No dependencies; pure.
 */
package org.consentgateway.error;
