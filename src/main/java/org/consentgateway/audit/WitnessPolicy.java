package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which checkpoints a reader accepts: signed by the log, and cosigned by a quorum of witnesses. The
 * file is in the style of C2SP tlog-policy (and Sigsum's policy files), one statement a line,
 * {@code #} comments:
 *
 * <pre>
 * log consent-gateway.local/audit+8c2d1a7e+AT...      (the log's verifier key)
 * witness regulator witness.regulator.example+0b1c2d3e+BP... [https://witness.regulator.example]
 * witness bureau-b witness.bureau-b.example+77aa0912+BH...
 * group any-two 2 regulator bureau-b                   (a number of members, or all, or any)
 * quorum any-two                                       (a witness, a group, or none)
 * </pre>
 *
 * Names of witnesses and groups share one namespace and are only for the file itself; a group is
 * defined after its members. A checkpoint passes when the log's signature verifies, no line of a
 * named witness fails to verify, and the quorum is met by the witnesses whose cosignature verifies.
 *
 * @param urls where each witness takes checkpoints, for those that gave one
 */
public record WitnessPolicy(NoteVerifier log, Map<String, CosignerKey> witnesses, Map<String, String> urls,
    Map<String, Group> groups, String quorum) {

  /** The predefined quorum that asks no witness. */
  public static final String NONE = "none";

  /** A group: met when at least {@code threshold} of its members are. */
  public record Group(int threshold, List<String> members) {
    public Group {
      members = List.copyOf(members);
      if (threshold < 1 || threshold > members.size()) {
        throw new IllegalArgumentException("a group's threshold is 1 to its number of members");
      }
    }
  }

  public WitnessPolicy {
    requireNonNull(log, "log is null");
    witnesses = Collections.unmodifiableMap(new LinkedHashMap<>(witnesses)); // in the file's order, for messages
    urls = Map.copyOf(urls);
    groups = Map.copyOf(groups);
    requireNonNull(quorum, "quorum is null");
    if (!quorum.equals(NONE) && !witnesses.containsKey(quorum) && !groups.containsKey(quorum)) {
      throw new IllegalArgumentException("the quorum names no witness or group: " + quorum);
    }
  }

  /** Parses a policy file's text; throws {@link AuditFormatException} naming the line at fault. */
  public static WitnessPolicy parse(String text) {
    requireNonNull(text, "text is null");
    NoteVerifier log = null;
    Map<String, CosignerKey> witnesses = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    String quorum = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("\\s+");
      String at = "line " + (i + 1) + ": ";
      try {
        switch (words[0]) {
          case "log" -> {
            expect(words, 2, 3, "log <vkey> [url]");
            if (log != null) {
              throw new AuditFormatException("one log per policy");
            }
            log = NoteVerifier.parse(words[1]);
          }
          case "witness" -> {
            expect(words, 3, 4, "witness <name> <vkey> [url]");
            requireNewName(words[1], witnesses, groups);
            witnesses.put(words[1], CosignerKey.parse(words[2]));
            if (words.length == 4) {
              urls.put(words[1], words[3]);
            }
          }
          case "group" -> {
            if (words.length < 4) {
              throw new AuditFormatException("group <name> <number|all|any> <member> ...");
            }
            requireNewName(words[1], witnesses, groups);
            List<String> members = List.of(words).subList(3, words.length);
            Set<String> distinct = new LinkedHashSet<>(members);
            if (distinct.size() != members.size()) {
              throw new AuditFormatException("a group names each member once");
            }
            for (String member : members) {
              if (!witnesses.containsKey(member) && !groups.containsKey(member)) {
                throw new AuditFormatException("unknown member (define it above the group): " + member);
              }
            }
            groups.put(words[1], new Group(threshold(words[2], members.size()), members));
          }
          case "quorum" -> {
            expect(words, 2, 2, "quorum <name|none>");
            if (quorum != null) {
              throw new AuditFormatException("one quorum per policy");
            }
            quorum = words[1];
          }
          default -> throw new AuditFormatException("unknown statement (log, witness, group, quorum): " + words[0]);
        }
      } catch (AuditFormatException | IllegalArgumentException e) {
        throw new AuditFormatException(at + e.getMessage(), e);
      }
    }
    if (log == null || quorum == null) {
      throw new AuditFormatException("a policy names the log and a quorum");
    }
    try {
      return new WitnessPolicy(log, witnesses, urls, groups, quorum);
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException(e.getMessage(), e);
    }
  }

  private static void expect(String[] words, int min, int max, String form) {
    if (words.length < min || words.length > max) {
      throw new AuditFormatException(form);
    }
  }

  private static void requireNewName(String name, Map<String, ?> witnesses, Map<String, ?> groups) {
    if (name.equals(NONE) || witnesses.containsKey(name) || groups.containsKey(name)) {
      throw new AuditFormatException("name already taken: " + name);
    }
  }

  private static int threshold(String word, int members) {
    return switch (word) {
      case "all" -> members;
      case "any" -> 1;
      default -> {
        try {
          yield Integer.parseInt(word);
        } catch (NumberFormatException e) {
          throw new AuditFormatException("a group's threshold is a number, all or any: " + word);
        }
      }
    };
  }

  /**
   * Checks a signed checkpoint: the log's signature, every line of a named witness, and the quorum.
   * A failure names the witness at fault or those missing.
   */
  public Verdict verify(SignedNote checkpoint) {
    requireNonNull(checkpoint, "checkpoint is null");
    Verdict logged = checkpoint.verify(log);
    if (!logged.isValid()) {
      return logged;
    }
    byte[] text = checkpoint.textBytes();
    Set<String> cosigned = new LinkedHashSet<>();
    for (NoteSignature line : checkpoint.signatures()) {
      for (Map.Entry<String, CosignerKey> witness : witnesses.entrySet()) {
        if (witness.getValue().isKeyOf(line)) {
          if (witness.getValue().cosignedAt(text, line).isEmpty()) {
            return Verdict.invalid(VerifyFailure.BAD_COSIGNATURE,
                "the cosignature of witness " + witness.getKey() + " (" + witness.getValue().name() + ") does not verify");
          }
          cosigned.add(witness.getKey());
        }
      }
    }
    if (isMet(quorum, cosigned)) {
      return Verdict.valid();
    }
    List<String> missing = new ArrayList<>(witnesses.keySet());
    missing.removeAll(cosigned);
    return Verdict.invalid(VerifyFailure.NO_QUORUM, "quorum " + quorum + " not met: cosigned by "
        + (cosigned.isEmpty() ? "no witness" : String.join(", ", cosigned)) + "; missing " + String.join(", ", missing));
  }

  /** Whether the quorum is met by these witnesses, by name. */
  public boolean isMet(Set<String> cosignedBy) {
    return isMet(quorum, cosignedBy);
  }

  private boolean isMet(String name, Set<String> cosignedBy) {
    if (name.equals(NONE)) {
      return true;
    }
    Optional<Group> group = Optional.ofNullable(groups.get(name));
    if (group.isEmpty()) {
      return cosignedBy.contains(name);
    }
    long met = group.get().members().stream().filter(member -> isMet(member, cosignedBy)).count();
    return met >= group.get().threshold();
  }
}
