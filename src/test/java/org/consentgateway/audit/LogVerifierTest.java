package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verifier on logs built in memory: an honest one passes, and each kind of tampering is named at its index. */
class LogVerifierTest {

  private static final String ORIGIN = "consent-gateway.local/audit";
  private static final NoteSigner SIGNER = NoteSigner.generate(ORIGIN);

  /** An honest log of {@code size} entries, with a checkpoint signed at each of {@code checkpointSizes}. */
  private static final class Log {
    final List<byte[]> entries = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final MemoryTree tree = new MemoryTree();

    Log(int size, long... checkpointSizes) {
      Sha256Hash chain = ChainHash.genesis();
      for (int i = 0; i < size; i++) {
        byte[] bytes = event(i).at(i, chain).toCanonicalJson();
        entries.add(bytes);
        Sha256Hash leaf = LeafHash.of(bytes);
        chain = ChainHash.next(chain, leaf);
        tree.append(leaf);
      }
      for (long checkpointSize : checkpointSizes) {
        notes.add(Checkpoint.of(ORIGIN, checkpointSize, tree.rootHash(checkpointSize)).sign(SIGNER).encode());
      }
    }

    LogVerifier.Report verify() {
      return verify(entries);
    }

    LogVerifier.Report verify(List<byte[]> published) {
      LogVerifier verifier = new LogVerifier(notes, SIGNER.verifier(), ORIGIN);
      for (int i = 0; i < published.size(); i++) {
        verifier.accept(new LogVerifier.PublishedEntry(i, published.get(i), Optional.empty(), Optional.empty()));
      }
      return verifier.finish(List.of());
    }
  }

  static AuditEvent event(int i) {
    return AuditEvent.builder()
        .time(Instant.parse("2026-11-22T10:00:00Z").plusSeconds(i))
        .action(AuditAction.values()[i % AuditAction.values().length])
        .actor("institution:91350100M000100Y43")
        .outcome(AuditOutcome.RECORDED)
        .build();
  }

  @Test
  void anHonestLogVerifies() {
    LogVerifier.Report report = new Log(40, 10, 25, 40).verify();

    assertThat(report.valid()).as(report.verdict()).isTrue();
    assertThat(report.verdict()).startsWith("OK: 40 entries, 3 signed checkpoints (latest at size 40)");
  }

  @Test
  void aChangedByteIsNamedAtItsIndex() {
    Log log = new Log(20, 20);
    List<byte[]> tampered = new ArrayList<>(log.entries);
    String text = new String(tampered.get(7), StandardCharsets.UTF_8).replace("\"RECORDED\"", "\"ALLOWED\"");
    tampered.set(7, text.getBytes(StandardCharsets.UTF_8));

    LogVerifier.Report report = log.verify(tampered);

    assertThat(report.failure()).hasValueSatisfying(f -> {
      assertThat(f.index()).isEqualTo(7);
      assertThat(f.what()).contains("chain breaks between index 7 and 8");
    });
  }

  @Test
  void aChangedByteAgainstThePublishedLeafHashIsNamedAtTheEntryItself() {
    Log log = new Log(20, 20);
    LogVerifier verifier = new LogVerifier(log.notes, SIGNER.verifier(), ORIGIN);
    for (int i = 0; i < 20; i++) {
      byte[] bytes = log.entries.get(i);
      Optional<Sha256Hash> published = Optional.of(LeafHash.of(bytes));
      if (i == 7) {
        bytes = new String(bytes, StandardCharsets.UTF_8).replace("\"RECORDED\"", "\"ALLOWED\"").getBytes(StandardCharsets.UTF_8);
      }
      verifier.accept(new LogVerifier.PublishedEntry(i, bytes, published, Optional.empty()));
    }

    assertThat(verifier.finish(List.of()).failure()).hasValueSatisfying(f -> {
      assertThat(f.index()).isEqualTo(7);
      assertThat(f.what()).contains("leafHash");
    });
  }

  @Test
  void aDeletedEntryIsNamed() {
    Log log = new Log(20, 20);
    LogVerifier verifier = new LogVerifier(log.notes, SIGNER.verifier(), ORIGIN);
    for (int i = 0; i < 20; i++) {
      if (i != 5) {
        verifier.accept(new LogVerifier.PublishedEntry(i, log.entries.get(i), Optional.empty(), Optional.empty()));
      }
    }

    assertThat(verifier.finish(List.of()).failure()).hasValueSatisfying(f -> {
      assertThat(f.index()).isEqualTo(5);
      assertThat(f.what()).startsWith("missing");
    });
  }

  @Test
  void swappedEntriesAreNamedAtTheFirst() {
    Log log = new Log(20, 20);
    List<byte[]> swapped = new ArrayList<>(log.entries);
    swapped.set(3, log.entries.get(11));
    swapped.set(11, log.entries.get(3));

    assertThat(log.verify(swapped).failure()).hasValueSatisfying(f -> {
      assertThat(f.index()).isEqualTo(3);
      assertThat(f.what()).contains("says it is index 11");
    });
  }

  @Test
  void aTailTruncatedBelowTheLastCheckpointIsCaught() {
    Log log = new Log(20, 10, 20);

    assertThat(log.verify(log.entries.subList(0, 15)).failure()).hasValueSatisfying(f -> {
      assertThat(f.index()).isEqualTo(15);
      assertThat(f.what()).contains("signed size 20");
    });
  }

  @Test
  void aForgedEntryWithRecomputedHashesIsCaughtByTheSignedCheckpoint() {
    long[] everySize = new long[20];
    for (int i = 0; i < 20; i++) {
      everySize[i] = i + 1;
    }
    Log log = new Log(20, everySize);
    // Insert a forged entry at 7 and rewrite everything after it so the chain is whole again.
    List<byte[]> forged = new ArrayList<>();
    Sha256Hash chain = ChainHash.genesis();
    for (int i = 0; i < 21; i++) {
      AuditEvent event = i == 7 ? AuditEvent.builder().time(Instant.parse("2026-11-22T10:00:07Z"))
          .action(AuditAction.CONSENT_REVOKED).actor("system:forger").outcome(AuditOutcome.RECORDED).build()
          : event(i < 7 ? i : i - 1);
      byte[] bytes = event.at(i, chain).toCanonicalJson();
      forged.add(bytes);
      chain = ChainHash.next(chain, LeafHash.of(bytes));
    }

    assertThat(log.verify(forged).failure()).hasValueSatisfying(f -> {
      assertThat(f.index()).isEqualTo(7);
      assertThat(f.what()).contains("do not match the checkpoint signed at size 8");
    });
  }

  @Test
  void aCheckpointSignedWithAnotherKeyIsRefused() {
    Log log = new Log(10, 10);
    NoteSigner impostor = NoteSigner.generate(ORIGIN);
    List<String> notes = List.of(Checkpoint.of(ORIGIN, 10, log.tree.rootHash(10)).sign(impostor).encode());
    LogVerifier verifier = new LogVerifier(notes, SIGNER.verifier(), ORIGIN);
    log.entries.forEach(bytes -> verifier.accept(new LogVerifier.PublishedEntry(log.entries.indexOf(bytes), bytes, Optional.empty(),
        Optional.empty())));

    assertThat(verifier.finish(List.of()).failure()).hasValueSatisfying(f -> {
      assertThat(f.where()).isEqualTo("checkpoint at size 10");
      assertThat(f.what()).contains("not signed by the verifier key");
    });
  }

  @Test
  void aBadConsistencyProofBetweenCheckpointsIsCaught() {
    Log log = new Log(20, 8, 20);
    LogVerifier verifier = new LogVerifier(log.notes, SIGNER.verifier(), ORIGIN);
    for (int i = 0; i < 20; i++) {
      verifier.accept(new LogVerifier.PublishedEntry(i, log.entries.get(i), Optional.empty(), Optional.empty()));
    }
    List<Sha256Hash> good = log.tree.consistencyProof(8, 20);
    List<Sha256Hash> bad = new ArrayList<>(good);
    bad.set(0, Sha256Hash.digest(new byte[] {1}));

    assertThat(verifier.finish(List.of(new LogVerifier.PublishedConsistency(8, 20, bad))).failure())
        .hasValueSatisfying(f -> assertThat(f.where()).isEqualTo("checkpoint at size 20"));
  }

  @Test
  void aLogWithoutAnyCheckpointIsNotVouchedFor() {
    assertThat(new Log(5).verify().failure()).hasValueSatisfying(f -> assertThat(f.what()).contains("no signed checkpoint"));
  }
}
