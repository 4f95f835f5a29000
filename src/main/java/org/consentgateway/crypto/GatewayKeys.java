package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys a gateway runs with, loaded from one folder:
 *
 * <pre>
 *   gateway-signing.key.pem / .pub.pem     EC P-256, signs tokens and receipts (required pair)
 *   checkpoint.key.pem / .pub.pem          Ed25519, signs audit checkpoints (required pair)
 *   identity-provider.pub.pem              EC P-256 public keys of the other parties; their
 *   institution.pub.pem                    .key.pem files are optional (a demo set has them)
 *   regulator.pub.pem
 *   operator.pub.pem
 *   pseudonym.secret                       base64 of 32 bytes, the subjectRef HMAC key
 *   data-encryption.secrets                "&lt;keyId&gt; &lt;base64 of 32 bytes&gt;" lines, the last is current
 *   DEMO-KEYS-DO-NOT-USE                   marker: this is the public demo set
 * </pre>
 *
 * Loading validates every file (PEM form, key type, that each private key matches its public key,
 * secret lengths) and fails with a {@link KeyFileException} naming the first bad file. Loading
 * blocks; do it at start-up. The loaded object is immutable and thread-safe.
 */
public final class GatewayKeys {

  /** A folder holding this file is the published demo set: anyone can forge with it. */
  public static final String DEMO_MARKER = "DEMO-KEYS-DO-NOT-USE";
  public static final String PSEUDONYM_SECRET_FILE = SecretFiles.PSEUDONYM_SECRET;
  public static final String DATA_ENCRYPTION_SECRETS_FILE = SecretFiles.DATA_ENCRYPTION_SECRETS;

  private final boolean demo;
  private final Map<KeyParty, PublicKey> publicKeys;
  private final Map<KeyParty, PrivateKey> privateKeys;
  private final Pseudonymizer pseudonymizer;
  private final RecordCipher recordCipher;

  private GatewayKeys(boolean demo, Map<KeyParty, PublicKey> publicKeys, Map<KeyParty, PrivateKey> privateKeys,
      byte[] pseudonymSecret, DataKeys dataKeys) {
    this.demo = demo;
    this.publicKeys = Collections.unmodifiableMap(new EnumMap<>(publicKeys));
    this.privateKeys = privateKeys.isEmpty()
        ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(privateKeys));
    this.pseudonymizer = new Pseudonymizer(pseudonymSecret);
    this.recordCipher = new RecordCipher(dataKeys);
  }

  /** Loads and validates the key folder {@code dir}. */
  public static GatewayKeys load(Path dir) {
    requireNonNull(dir, "dir is null");
    if (!Files.exists(dir)) {
      throw new KeyFileException(dir, "key folder is missing (create one with `gateway keys generate --out DIR`)");
    }
    if (!Files.isDirectory(dir)) {
      throw new KeyFileException(dir, "is not a folder; GATEWAY_KEYS_DIR must name the key folder");
    }
    Map<KeyParty, PublicKey> publicKeys = new EnumMap<>(KeyParty.class);
    Map<KeyParty, PrivateKey> privateKeys = new EnumMap<>(KeyParty.class);
    for (KeyParty party : KeyParty.values()) {
      Path publicFile = dir.resolve(party.publicKeyFileName());
      PublicKey publicKey = PemFiles.readPublicKey(publicFile);
      requireType(publicFile, publicKey, party);
      publicKeys.put(party, publicKey);
      Path privateFile = dir.resolve(party.privateKeyFileName());
      if (party.privateKeyRequired() || Files.exists(privateFile)) {
        PrivateKey privateKey = PemFiles.readPrivateKey(privateFile);
        requireType(privateFile, privateKey, party);
        if (!party.keyType().isKeyPair(privateKey, publicKey)) {
          throw new KeyFileException(privateFile, "does not belong to " + party.publicKeyFileName()
              + " (the two files are not one key pair)");
        }
        privateKeys.put(party, privateKey);
      }
    }
    byte[] pseudonymSecret = SecretFiles.readPseudonymSecret(dir.resolve(PSEUDONYM_SECRET_FILE));
    DataKeys dataKeys = SecretFiles.readDataKeys(dir.resolve(DATA_ENCRYPTION_SECRETS_FILE));
    boolean demo = Files.exists(dir.resolve(DEMO_MARKER));
    try {
      return new GatewayKeys(demo, publicKeys, privateKeys, pseudonymSecret, dataKeys);
    } finally {
      Arrays.fill(pseudonymSecret, (byte) 0);
    }
  }

  /**
   * A complete, fresh set held only in memory, with every party's private key: for tests and
   * throwaway runs, where nothing signed or encrypted needs to outlive the process.
   */
  public static GatewayKeys ephemeral() {
    Map<KeyParty, PublicKey> publicKeys = new EnumMap<>(KeyParty.class);
    Map<KeyParty, PrivateKey> privateKeys = new EnumMap<>(KeyParty.class);
    for (KeyParty party : KeyParty.values()) {
      KeyPair pair = party.keyType().generateKeyPair();
      publicKeys.put(party, pair.getPublic());
      privateKeys.put(party, pair.getPrivate());
    }
    SecureRandom random = new SecureRandom();
    byte[] pseudonymSecret = new byte[SecretFiles.SECRET_LENGTH];
    byte[] dataKey = new byte[SecretFiles.SECRET_LENGTH];
    random.nextBytes(pseudonymSecret);
    random.nextBytes(dataKey);
    return new GatewayKeys(false, publicKeys, privateKeys, pseudonymSecret,
        DataKeys.of(KeySetGenerator.FIRST_DATA_KEY_ID, dataKey));
  }

  /** True for the published demo set (the folder holds {@value #DEMO_MARKER}); warn loudly then. */
  public boolean isDemo() {
    return demo;
  }

  /** The EC P-256 pair that signs consent tokens, receipts and access tokens (ES256). */
  public KeyPair signingKeyPair() {
    return keyPair(KeyParty.GATEWAY_SIGNING).orElseThrow();
  }

  /** The Ed25519 pair that signs audit-log checkpoints. */
  public KeyPair checkpointKeyPair() {
    return keyPair(KeyParty.CHECKPOINT).orElseThrow();
  }

  public PublicKey publicKey(KeyParty party) {
    return publicKeys.get(requireNonNull(party, "party is null"));
  }

  /**
   * The public key of the party named {@code party}, e.g. {@code "identity-provider"}.
   *
   * @throws IllegalArgumentException for a name that is not a {@link KeyParty}
   */
  public PublicKey publicKey(String party) {
    return publicKey(partyNamed(party));
  }

  /** The party's private key if the folder holds it: always for the gateway's own pairs, for the others in a demo set. */
  public Optional<PrivateKey> privateKey(KeyParty party) {
    return Optional.ofNullable(privateKeys.get(requireNonNull(party, "party is null")));
  }

  /** As {@link #privateKey(KeyParty)}, by name; demo clients use it to sign as a party. */
  public Optional<PrivateKey> privateKey(String party) {
    return privateKey(partyNamed(party));
  }

  /** The party's key pair, if the private key is present. */
  public Optional<KeyPair> keyPair(KeyParty party) {
    return privateKey(party).map(privateKey -> new KeyPair(publicKey(party), privateKey));
  }

  /** Derives subjectRefs under the pseudonym secret. */
  public Pseudonymizer pseudonymizer() {
    return pseudonymizer;
  }

  /** Encrypts under the current data key; decrypts under any key in the folder. */
  public RecordCipher recordCipher() {
    return recordCipher;
  }

  @Override
  public String toString() {
    return "GatewayKeys[demo=" + demo + ", privateKeys=" + privateKeys.keySet()
        + ", dataKeys=" + recordCipher.currentKeyId() + " current]";
  }

  private static KeyParty partyNamed(String name) {
    return KeyParty.named(name).orElseThrow(() -> new IllegalArgumentException("unknown key party \"" + name
        + "\"; known: " + Arrays.stream(KeyParty.values()).map(KeyParty::fileStem).collect(Collectors.joining(", "))));
  }

  private static void requireType(Path file, Key key, KeyParty party) {
    KeyType expected = party.keyType();
    if (!expected.matches(key)) {
      String found = KeyType.of(key).map(KeyType::description).orElse(key.getAlgorithm() + " (unsupported)");
      throw new KeyFileException(file, "must hold a key of type " + expected.description() + " for "
          + party.fileStem() + ", found " + found);
    }
  }
}
