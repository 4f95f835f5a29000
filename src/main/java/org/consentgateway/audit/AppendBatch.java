package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch of events placed at the end of the log: each event becomes entry {@code head.size + i}
 * with the chain hash before it as {@code prev}; its leaf and chain hashes and every tree node above
 * the leaves it completes are computed in memory from the frontier. Pure: the rows are written by {@link
 * BatchWriter} in one transaction.
 */
final class AppendBatch {

  private final List<AppendedEntry> appended;
  private final List<byte[]> entryBytes;
  private final List<EntryOutline> outlines;
  private final List<String> subjectRefs; // null where the event has none, as the column wants
  private final List<String> actions; // wire names, for audit_subject_entries (V8)
  private final List<Integer> nodeLevels = new ArrayList<>();
  private final List<Long> nodeIndexes = new ArrayList<>();
  private final List<Buffer> nodeHashes = new ArrayList<>();
  private final LogHead base;
  private final LogHead next;
  private final TreeFrontier nextFrontier;

  /** An event to append, and the signed answer its entry binds, if any. */
  record Append(AuditEvent event, Optional<AnswerToBind> answer) {
    Append {
      requireNonNull(event, "event is null");
      requireNonNull(answer, "answer is null");
    }
  }

  private AppendBatch(LogHead head, TreeFrontier frontier, List<Append> events) {
    base = head;
    appended = new ArrayList<>(events.size());
    entryBytes = new ArrayList<>(events.size());
    outlines = new ArrayList<>(events.size());
    subjectRefs = new ArrayList<>(events.size());
    actions = new ArrayList<>(events.size());
    Sha256Hash chain = head.chainHash();
    TreeFrontier tree = frontier;
    for (Append append : events) {
      AuditEvent event = append.event();
      long index = tree.size();
      // The answer citing this index is built here, and only its base's hash goes in the entry.
      Optional<BoundAnswer> answer = append.answer().map(toBind -> toBind.at(index));
      Sha256Hash prev = chain;
      AuditEntry entry = answer.map(bound -> event.at(index, prev, bound.baseHash())).orElseGet(() -> event.at(index, prev));
      byte[] bytes = entry.toCanonicalJson();
      Sha256Hash leaf = LeafHash.of(bytes);
      chain = ChainHash.next(chain, leaf);
      TreeFrontier.Appended step = tree.append(leaf);
      tree = step.frontier();
      for (Map.Entry<TreeNode, Sha256Hash> node : step.completed().entrySet()) {
        if (node.getKey().isLeaf()) {
          continue; // a leaf's hash is its entry's leaf_hash (V31)
        }
        nodeLevels.add(node.getKey().level());
        nodeIndexes.add(node.getKey().index());
        nodeHashes.add(Buffer.buffer(node.getValue().raw()));
      }
      appended.add(new AppendedEntry(index, leaf, chain, answer));
      entryBytes.add(bytes);
      outlines.add(EntryOutline.of(entry));
      subjectRefs.add(event.subjectRef().orElse(null));
      actions.add(event.action().wireName());
    }
    next = new LogHead(tree.size(), chain);
    nextFrontier = tree;
  }

  /**
   * Places {@code events} after {@code head}, whose tree is {@code frontier}; throws {@link
   * IllegalArgumentException} when they do not describe the same size, or an index would pass
   * {@link AuditEntry#MAX_INDEX}.
   */
  static AppendBatch place(LogHead head, TreeFrontier frontier, List<AuditEvent> events) {
    return placeBinding(head, frontier, events.stream().map(event -> new Append(event, Optional.empty())).toList());
  }

  /** As {@link #place}, for events that may bind a signed answer. */
  static AppendBatch placeBinding(LogHead head, TreeFrontier frontier, List<Append> events) {
    requireNonNull(head, "head is null");
    requireNonNull(frontier, "frontier is null");
    if (frontier.size() != head.size()) {
      throw new IllegalArgumentException(
          "frontier of size " + frontier.size() + " for a head of size " + head.size());
    }
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a batch holds at least one event");
    }
    return new AppendBatch(head, frontier, events);
  }

  /** What each event's caller is told, in the order of the events. */
  List<AppendedEntry> appended() {
    return appended;
  }

  /** The head the batch was placed after: it may be written only while the log's head is this one. */
  LogHead base() {
    return base;
  }

  /** The head after the batch. */
  LogHead next() {
    return next;
  }

  /** The tree after the batch. */
  TreeFrontier nextFrontier() {
    return nextFrontier;
  }

  /** The exact bytes of each entry, in index order. */
  List<byte[]> entryBytes() {
    return entryBytes;
  }

  /** Each entry's outline, as {@link EntryOutline#of(byte[])} would read it back from its bytes. */
  List<EntryOutline> outlines() {
    return outlines;
  }

  /** Parameters of {@link BatchWriter}'s entry insert: index, bytes, leaf, chain, subjectRef, action arrays. */
  Tuple entryArrays() {
    int n = appended.size();
    Long[] indexes = new Long[n];
    Buffer[] entries = new Buffer[n];
    Buffer[] leaves = new Buffer[n];
    Buffer[] chains = new Buffer[n];
    for (int i = 0; i < n; i++) {
      AppendedEntry entry = appended.get(i);
      indexes[i] = entry.index();
      entries[i] = Buffer.buffer(entryBytes.get(i));
      leaves[i] = Buffer.buffer(entry.leafHash().raw());
      chains[i] = Buffer.buffer(entry.chainHash().raw());
    }
    return Tuple.tuple()
        .addArrayOfLong(indexes)
        .addArrayOfBuffer(entries)
        .addArrayOfBuffer(leaves)
        .addArrayOfBuffer(chains)
        .addArrayOfString(subjectRefs.toArray(String[]::new))
        .addArrayOfString(actions.toArray(String[]::new));
  }

  /** The levels of the nodes the batch completed, matching {@link #nodeIndexes} and {@link #nodeHashes}. */
  Integer[] nodeLevels() {
    return nodeLevels.toArray(Integer[]::new);
  }

  Long[] nodeIndexes() {
    return nodeIndexes.toArray(Long[]::new);
  }

  Buffer[] nodeHashes() {
    return nodeHashes.toArray(Buffer[]::new);
  }
}
