package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes keys as PEM (RFC 7468): private keys as unencrypted PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}, RFC 5208 / RFC 5958), public keys as SubjectPublicKeyInfo
 * ({@code -----BEGIN PUBLIC KEY-----}, RFC 5280). EC P-256, Ed25519 and RSA keys are supported; the
 * keys come back as JDK key objects, which Nimbus JOSE+JWT and {@link java.security.Signature} use
 * directly. These are the formats {@code openssl genpkey} and {@code openssl pkey -pubout} produce.
 *
 * <p>Every failure is a {@link KeyFileException} naming the file. Reading and writing block.
 */
public final class PemFiles {

  private static final String OPENSSL_HINT = "convert it with `openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW`";

  private PemFiles() {}

  /** Reads an unencrypted PKCS#8 private key. */
  public static PrivateKey readPrivateKey(Path file) {
    return parsePrivateKey(readText(file), file.toString());
  }

  /** Reads a SubjectPublicKeyInfo public key. */
  public static PublicKey readPublicKey(Path file) {
    return parsePublicKey(readText(file), file.toString());
  }

  /**
   * Parses PEM text holding a private key.
   *
   * @param source names the text in error messages, e.g. a path or "operator key"
   */
  public static PrivateKey parsePrivateKey(String pem, String source) {
    Object object = parse(pem, source, "private key");
    if (object instanceof PrivateKeyInfo info) {
      try {
        return converter().getPrivateKey(info);
      } catch (IOException | RuntimeException e) {
        throw new KeyFileException(source, "holds a private key of an unsupported algorithm ("
            + info.getPrivateKeyAlgorithm().getAlgorithm() + ")", e);
      }
    }
    if (object instanceof PEMKeyPair) {
      throw new KeyFileException(source, "holds a traditional (PKCS#1 or SEC 1) private key, not PKCS#8 "
          + "(-----BEGIN PRIVATE KEY-----); " + OPENSSL_HINT);
    }
    if (object instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new KeyFileException(source, "holds an encrypted private key; the gateway needs it unencrypted "
          + "and protected by file permissions");
    }
    throw new KeyFileException(source, "is not a PEM private key (it holds " + describe(object)
        + "; expected -----BEGIN PRIVATE KEY-----)");
  }

  /**
   * Parses PEM text holding a public key.
   *
   * @param source names the text in error messages, e.g. a path or "public key of institution X"
   */
  public static PublicKey parsePublicKey(String pem, String source) {
    Object object = parse(pem, source, "public key");
    if (object instanceof SubjectPublicKeyInfo info) {
      try {
        return converter().getPublicKey(info);
      } catch (IOException | RuntimeException e) {
        throw new KeyFileException(source, "holds a public key of an unsupported algorithm ("
            + info.getAlgorithm().getAlgorithm() + ")", e);
      }
    }
    throw new KeyFileException(source, "is not a PEM public key (it holds " + describe(object)
        + "; expected -----BEGIN PUBLIC KEY-----)");
  }

  /** Writes {@code key} as unencrypted PKCS#8, mode 0600 from creation; refuses to overwrite. */
  public static void writePrivateKey(Path file, PrivateKey key) {
    requireNonNull(file, "file is null");
    KeyFileWriter.writeSecret(file, toPem(key).getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes {@code key} as SubjectPublicKeyInfo, mode 0644; refuses to overwrite. */
  public static void writePublicKey(Path file, PublicKey key) {
    requireNonNull(file, "file is null");
    KeyFileWriter.writePublic(file, toPem(key).getBytes(StandardCharsets.US_ASCII));
  }

  /** The PKCS#8 PEM text of {@code key} ({@code -----BEGIN PRIVATE KEY-----}). */
  public static String toPem(PrivateKey key) {
    requireNonNull(key, "key is null");
    StringWriter text = new StringWriter();
    // JcaPKCS8Generator keeps PKCS#8; handing the key to JcaPEMWriter directly would write the
    // traditional "EC PRIVATE KEY" / "RSA PRIVATE KEY" forms instead.
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a " + key.getAlgorithm() + " private key as PKCS#8", e);
    }
    return text.toString();
  }

  /** The SubjectPublicKeyInfo PEM text of {@code key} ({@code -----BEGIN PUBLIC KEY-----}). */
  public static String toPem(PublicKey key) {
    requireNonNull(key, "key is null");
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a " + key.getAlgorithm() + " public key", e);
    }
    return text.toString();
  }

  static String readText(Path file) {
    requireNonNull(file, "file is null");
    if (Files.isDirectory(file)) {
      throw new KeyFileException(file, "is a folder, not a file");
    }
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1); // never fails to decode; PEMParser judges the content
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "missing");
    } catch (IOException e) {
      throw new KeyFileException(file, "not readable (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static Object parse(String pem, String source, String expected) {
    requireNonNull(pem, "pem is null");
    requireNonNull(source, "source is null");
    Object object;
    try (Reader reader = new StringReader(pem); PEMParser parser = new PEMParser(reader)) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports bad base64 or DER with several exception types; all mean "malformed".
      throw new KeyFileException(source, "is not a PEM " + expected + ": malformed PEM or DER content", e);
    }
    if (object == null) {
      throw new KeyFileException(source, "is not a PEM " + expected + " (no -----BEGIN ...----- block found)");
    }
    return object;
  }

  private static String describe(Object object) {
    if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
      return "a private key";
    }
    if (object instanceof SubjectPublicKeyInfo) {
      return "a public key";
    }
    if (object instanceof X509CertificateHolder) {
      return "a certificate";
    }
    return "a " + object.getClass().getSimpleName();
  }

  private static JcaPEMKeyConverter converter() {
    // Default JCA providers give JDK key classes; Bouncy Castle has no built-in name for the Ed25519 OID.
    return new JcaPEMKeyConverter().setAlgorithmMapping(EdECObjectIdentifiers.id_Ed25519, "Ed25519");
  }
}
