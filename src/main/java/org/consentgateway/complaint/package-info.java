/**
 * Complaints (投诉办理) about those who use the data: a citizen who finds in their inquiry history a
 * query they never authorised, or a use beyond its purpose or grade, complains; a regulator
 * acknowledges, may ask the institution concerned for information (it answers through the API,
 * told by a signed webhook event), and resolves the complaint as upheld or dismissed within the
 * deadline. A complaint carries its entry, the entry's inclusion proof and the signed checkpoint,
 * so it is evidence on its own (a case file {@code gateway audit verify --case} checks). Every
 * change and its audit entry are one Hibernate Reactive transaction (the entity {@code
 * ComplaintRow}); the free text is sealed at rest; the overdue count is read on the Vert.x pool.
 * Owns {@code complaints}. Everything here is non-blocking.
 */
package org.consentgateway.complaint;
