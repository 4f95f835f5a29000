package org.consentgateway.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.consentgateway.crypto.RecordCipher;

/** The records' encrypted columns in and out: JSON records and text, each sealed with its {@link RowBinding}. */
final class Sealed {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Sealed() {}

  static ObjectNode openJson(RecordCipher cipher, byte[] ciphertext, byte[] binding) {
    try {
      return (ObjectNode) JSON.readTree(cipher.decrypt(ciphertext, binding));
    } catch (IOException e) {
      throw new UncheckedIOException("a stored record is not JSON", e);
    }
  }

  static byte[] sealJson(RecordCipher cipher, JsonNode record, byte[] binding) {
    try {
      return cipher.encrypt(JSON.writeValueAsBytes(record), binding);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String openText(RecordCipher cipher, byte[] ciphertext, byte[] binding) {
    return new String(cipher.decrypt(ciphertext, binding), StandardCharsets.UTF_8);
  }

  static byte[] sealText(RecordCipher cipher, String text, byte[] binding) {
    return cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), binding);
  }
}
