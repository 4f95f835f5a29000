package org.consentgateway.query;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The exact bytes of an answer for any {@code auditIndex}, encoded once: the body without the
 * index is split after its first member, and {@link #at} puts {@code "auditIndex":N} in between.
 * So the appender, which learns the index inside its transaction, only copies bytes. The result is
 * byte for byte what {@link QueryService#numbered} would encode to (UTF-8, no whitespace, members
 * in order, characters outside the BMP as UTF-8, as http.JsonRoutes writes every answer).
 */
final class NumberedBody {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private final byte[] head;
  private final byte[] tail;

  private NumberedBody(byte[] head, byte[] tail) {
    this.head = head;
    this.tail = tail;
  }

  /** {@code hashed}, whose first member is {@code idMember} and which has at least one other member. */
  static NumberedBody of(ObjectNode hashed, String idMember) {
    if (hashed.size() < 2 || !hashed.fieldNames().next().equals(idMember)) {
      throw new IllegalArgumentException("the body starts with " + idMember + " and has more members");
    }
    byte[] whole = encode(hashed);
    ObjectNode first = JsonNodeFactory.instance.objectNode();
    first.set(idMember, hashed.get(idMember));
    byte[] firstOnly = encode(first); // {"queryId":"…"}
    int split = firstOnly.length - 1;
    if (whole[split] != ',' || !Arrays.equals(whole, 0, split, firstOnly, 0, split)) {
      throw new IllegalStateException("the first member encodes differently alone");
    }
    return new NumberedBody(Arrays.copyOf(whole, split), Arrays.copyOfRange(whole, split, whole.length));
  }

  /** The body citing entry {@code auditIndex}. */
  byte[] at(long auditIndex) {
    byte[] member = (",\"auditIndex\":" + auditIndex).getBytes(US_ASCII);
    byte[] body = new byte[head.length + member.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(member, 0, body, head.length, member.length);
    System.arraycopy(tail, 0, body, head.length + member.length, tail.length);
    return body;
  }

  private static byte[] encode(ObjectNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }
}
