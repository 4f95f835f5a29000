/**
 * Identifiers that are validated, never trusted: the resident ID number (GB 11643) and the unified social credit code (GB 32100-2015). Types that hold personal identifiers never print them in full.
 */
package org.consentgateway.identity;
