package org.consentgateway.audit;

/**
 * A tree node (or leaf) the log's size says storage holds, and it does not: the store is damaged.
 * Its message names the node, never an entry's content.
 */
final class MissingNodeException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  MissingNodeException(TreeNode node) {
    super("hash of node " + node + " is missing");
  }
}
