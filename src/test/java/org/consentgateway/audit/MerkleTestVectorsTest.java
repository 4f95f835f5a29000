package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every RFC 6962 inclusion and consistency vector (transparency-dev/merkle testdata): a case
 * with {@code wantErr: true} must be refused, every other one accepted. Sizes and indexes are
 * unsigned 64-bit in the files; {@code proof} is {@code null} or a list.
 */
class MerkleTestVectorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  static Stream<Path> inclusionVectors() {
    return TestVectors.jsonFiles("rfc6962/inclusion").stream();
  }

  static Stream<Path> consistencyVectors() {
    return TestVectors.jsonFiles("rfc6962/consistency").stream();
  }

  @Test
  void allVectorFilesAreThere() {
    assertThat(inclusionVectors()).hasSize(98);
    assertThat(consistencyVectors()).hasSize(98);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusionVectors")
  void inclusionVector(Path file) throws IOException {
    JsonNode vector = JSON.readTree(file.toFile());
    Optional<Long> index = unsigned64(vector.get("leafIdx"));
    Optional<Long> size = unsigned64(vector.get("treeSize"));
    boolean accepted =
        index.isPresent()
            && size.isPresent()
            && MerkleVerifier.verifyInclusion(
                    index.get(), size.get(), bytes(vector.get("leafHash")),
                    proof(vector.get("proof")), bytes(vector.get("root")))
                .isValid();

    assertThat(accepted)
        .as(vector.get("desc").asText())
        .isEqualTo(!vector.get("wantErr").asBoolean());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consistencyVectors")
  void consistencyVector(Path file) throws IOException {
    JsonNode vector = JSON.readTree(file.toFile());
    Optional<Long> size1 = unsigned64(vector.get("size1"));
    Optional<Long> size2 = unsigned64(vector.get("size2"));
    boolean accepted =
        size1.isPresent()
            && size2.isPresent()
            && MerkleVerifier.verifyConsistency(
                    size1.get(), size2.get(), proof(vector.get("proof")),
                    bytes(vector.get("root1")), bytes(vector.get("root2")))
                .isValid();

    assertThat(accepted)
        .as(vector.get("desc").asText())
        .isEqualTo(!vector.get("wantErr").asBoolean());
  }

  @Test
  void theLargestUnsignedIndexIsRefusedAsOutOfRange() {
    Verdict verdict =
        MerkleVerifier.verifyInclusion(-1L, 8, new byte[32], List.of(), new byte[32]);

    assertThat(verdict.failure()).contains(VerifyFailure.INDEX_OUT_OF_RANGE);
    assertThat(verdict.detail()).contains("18446744073709551615");
  }

  /** An unsigned 64-bit JSON integer in a {@code long}'s bits; empty when it is none. */
  private static Optional<Long> unsigned64(JsonNode number) {
    if (number == null || !number.isIntegralNumber()) {
      return Optional.empty();
    }
    BigInteger value = number.bigIntegerValue();
    if (value.signum() < 0 || value.compareTo(TWO_TO_64) >= 0) {
      return Optional.empty();
    }
    return Optional.of(value.longValue());
  }

  private static byte[] bytes(JsonNode base64) {
    return Base64.getDecoder().decode(base64.asText());
  }

  private static List<byte[]> proof(JsonNode proof) {
    List<byte[]> hashes = new ArrayList<>();
    if (proof != null && !proof.isNull()) {
      proof.forEach(hash -> hashes.add(bytes(hash)));
    }
    return hashes;
  }
}
