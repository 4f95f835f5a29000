/**
 * Access policies: purposes, grades and (later) the field rules they allow. Policy files are
 * parsed and validated once at start-up (blocking file reads); the resulting values are immutable
 * and safe to share across event loops.
 */
package org.consentgateway.policy;
