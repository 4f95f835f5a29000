/**
 * Credit repair (信用修复, "谁认定，谁修复"): a citizen who has made good applies for one of their
 * negative public records to stop being shown before its display period ends, when its category's
 * policy allows it and the earliest time after the behaviour ended has come ({@code policy}'s
 * repair rules); the record's data provider (an operator) approves or rejects it within the due
 * date, or the citizen withdraws it. An approval marks the record repaired through {@code
 * records} (its history keeps the repair), so every later query, on every gateway, hides the
 * record or shows it marked. Each step with its audit entry is one Hibernate Reactive transaction
 * (the entity {@code RepairRow}); the evidence and notes are sealed. The overdue count is read on
 * the Vert.x pool. Owns {@code repairs}. Everything here is non-blocking.
 */
package org.consentgateway.repair;
