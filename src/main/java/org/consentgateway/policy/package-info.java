/**
 * Access policies: purposes, the field rules of each grade, display periods and masking.
 * {@link org.consentgateway.policy.PolicyBundle} parses and validates the files of
 * {@code policies/} once at start-up (blocking file reads) and compiles one
 * {@link org.consentgateway.policy.ProjectionPlan} per grade. Everything it yields is immutable and
 * safe to share across event loops; applying a plan is pure CPU work that does not block.
 */
package org.consentgateway.policy;
