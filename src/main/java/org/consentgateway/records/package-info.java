/**
 * Credit data: subjects, credit accounts and public records; the synthetic generator and the JSON Lines import. The import runs from the command line over JDBC and may block.
 */
package org.consentgateway.records;
