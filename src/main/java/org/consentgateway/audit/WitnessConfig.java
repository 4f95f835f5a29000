package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The witnesses the gateway asks to cosign its checkpoints, and how many must have cosigned one
 * before it is the public checkpoint. No witnesses: every signed checkpoint is public at once.
 *
 * @param witnesses each witness's submission prefix ({@code <url>/add-checkpoint} is posted to) and key
 * @param quorum how many distinct witnesses must cosign; 0 with no witnesses
 */
public record WitnessConfig(List<Witness> witnesses, int quorum) {

  /** One witness: where to send checkpoints, and the key its cosignatures verify with. */
  public record Witness(URI url, CosignerKey key) {
    public Witness {
      requireNonNull(url, "url is null");
      requireNonNull(key, "key is null");
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("a witness's URL is http or https: " + url);
      }
    }

    /** The add-checkpoint endpoint under the submission prefix. */
    public URI addCheckpoint() {
      String prefix = url.toString();
      return URI.create((prefix.endsWith("/") ? prefix : prefix + "/") + "add-checkpoint");
    }
  }

  public WitnessConfig {
    witnesses = List.copyOf(witnesses);
    Set<String> names = new HashSet<>();
    for (Witness witness : witnesses) {
      if (!names.add(witness.key().name())) {
        throw new IllegalArgumentException("two witnesses named " + witness.key().name());
      }
    }
    if (quorum < 0 || quorum > witnesses.size() || (quorum == 0) != witnesses.isEmpty()) {
      throw new IllegalArgumentException("the witness quorum is 1 to the number of witnesses (" + witnesses.size() + "), got " + quorum);
    }
  }

  public static WitnessConfig none() {
    return new WitnessConfig(List.of(), 0);
  }

  public boolean isEmpty() {
    return witnesses.isEmpty();
  }

  public Set<String> names() {
    Set<String> names = new HashSet<>();
    witnesses.forEach(witness -> names.add(witness.key().name()));
    return Set.copyOf(names);
  }

  /**
   * Parses {@code audit.witnesses}: entries separated by commas, each a URL and a witness verifier
   * key separated by a space ({@code https://w.example/ w.example+1a2b3c4d+BF...}). Throws {@link
   * IllegalArgumentException} naming the entry at fault.
   */
  public static List<Witness> parseWitnesses(String text) {
    requireNonNull(text, "text is null");
    List<Witness> witnesses = new ArrayList<>();
    for (String entry : text.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] parts = trimmed.split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException("a witness is '<url> <verifier key>': " + trimmed);
      }
      try {
        witnesses.add(new Witness(URI.create(parts[0]), CosignerKey.parse(parts[1])));
      } catch (AuditFormatException e) {
        throw new IllegalArgumentException(e.getMessage() + ": " + parts[1], e);
      }
    }
    return List.copyOf(witnesses);
  }
}
