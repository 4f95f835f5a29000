package org.consentgateway.audit;

/**
 * A read of the stored log asked for something outside it: a leaf index not below the tree size,
 * a tree size beyond the log's size, or sizes in the wrong order. A caller's mistake (a {@code 400}
 * for the regulator API), distinct from a broken store, which fails with {@link
 * IllegalStateException}. The message names the rule broken and at most the log's (public) size,
 * never the numbers asked: it becomes the problem's detail.
 */
public final class AuditRangeException extends IllegalArgumentException {

  public AuditRangeException(String message) {
    super(message);
  }
}
