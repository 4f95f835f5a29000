package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The data-encryption keys, by key id, oldest first, and the id of the current key that new
 * ciphertexts are written under. Older keys stay so rows written under them still decrypt
 * after a rotation.
 *
 * <p>The key bytes are copied in and out, and never printed.
 */
public record DataKeys(Map<String, byte[]> keys, String currentKeyId) {

  public static final int KEY_LENGTH = 32;

  /** Key ids go into every ciphertext header as ASCII, so keep them short and plain. */
  public static final Pattern KEY_ID_FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public DataKeys {
    requireNonNull(keys, "keys is null");
    requireNonNull(currentKeyId, "currentKeyId is null");
    Map<String, byte[]> copy = new LinkedHashMap<>();
    keys.forEach((keyId, key) -> {
      requireNonNull(keyId, "key id is null");
      requireNonNull(key, "key is null");
      if (!KEY_ID_FORMAT.matcher(keyId).matches()) {
        throw new IllegalArgumentException(
            "data-encryption key id must be 1-64 characters of A-Z a-z 0-9 . _ -, was \"" + keyId + "\"");
      }
      if (key.length != KEY_LENGTH) {
        throw new IllegalArgumentException("data-encryption key " + keyId + " must be " + KEY_LENGTH
            + " bytes (AES-256), was " + key.length);
      }
      copy.put(keyId, key.clone());
    });
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("at least one data-encryption key is needed");
    }
    if (!copy.containsKey(currentKeyId)) {
      throw new IllegalArgumentException("current key id \"" + currentKeyId + "\" is not among the keys " + copy.keySet());
    }
    keys = Collections.unmodifiableMap(copy);
  }

  /** A single key that is also the current one. */
  public static DataKeys of(String keyId, byte[] key) {
    return new DataKeys(Map.of(keyId, key), keyId);
  }

  /** These keys plus {@code key}, which becomes current (a rotation). */
  public DataKeys withCurrent(String keyId, byte[] key) {
    requireNonNull(keyId, "keyId is null");
    if (keys.containsKey(keyId)) {
      throw new IllegalArgumentException("data-encryption key id " + keyId + " is already taken");
    }
    Map<String, byte[]> next = new LinkedHashMap<>(keys);
    next.put(keyId, key);
    return new DataKeys(next, keyId);
  }

  /** A copy of the keys, oldest first. */
  @Override
  public Map<String, byte[]> keys() {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    keys.forEach((keyId, key) -> copy.put(keyId, key.clone()));
    return Collections.unmodifiableMap(copy);
  }

  /** The key ids, oldest first. */
  public List<String> keyIds() {
    return List.copyOf(keys.keySet());
  }

  /** A copy of the key with this id. */
  public Optional<byte[]> key(String keyId) {
    return Optional.ofNullable(keys.get(keyId)).map(byte[]::clone);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DataKeys that) || !currentKeyId.equals(that.currentKeyId)
        || !keys.keySet().equals(that.keys.keySet())) {
      return false;
    }
    return keys.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.keys.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return 31 * currentKeyId.hashCode() + keys.keySet().hashCode();
  }

  @Override
  public String toString() {
    return "DataKeys[keyIds=" + keys.keySet() + ", currentKeyId=" + currentKeyId + "]";
  }
}
