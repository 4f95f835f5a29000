package org.consentgateway.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The RFC 9421 §2.5 signature base of a response the gateway signs, covering its status, its
 * {@code Content-Digest} and {@code Content-Type}, and the method and path of the request it
 * answers (§2.4, the {@code req} parameter):
 *
 * <pre>
 * "@status": 200
 * "content-digest": sha-256=:…:
 * "content-type": application/json
 * "@method";req: POST
 * "@path";req: /v1/queries
 * "@signature-params": ("@status" "content-digest" "content-type" "@method";req "@path";req);created=…;keyid="…";alg="…"
 * </pre>
 *
 * Lines end with a single LF; the last has none (§2.5 step 3). Field values are taken as sent,
 * so they must be printable ASCII without leading or trailing spaces.
 */
public record ResponseSignatureBase(
    int status, String contentDigest, String contentType, String method, String path, SignatureParams params) {

  /** The covered components, in order, as they appear in {@code Signature-Input} (RFC 9421 §2.3). */
  public static final String COVERED = "(\"@status\" \"content-digest\" \"content-type\" \"@method\";req \"@path\";req)";
  /** The label of the gateway's one signature in {@code Signature-Input} and {@code Signature}. */
  public static final String LABEL = "sig1";

  private static final Pattern FIELD_VALUE = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?");
  private static final Pattern METHOD = Pattern.compile("[A-Z]+");
  private static final Pattern PATH = Pattern.compile("/[\\x21-\\x7e&&[^?#]]*");

  public ResponseSignatureBase {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be a three-digit HTTP status");
    }
    fieldValue(contentDigest, "contentDigest");
    fieldValue(contentType, "contentType");
    if (!METHOD.matcher(requireNonNull(method, "method is null")).matches()) {
      throw new IllegalArgumentException("method must be an upper-case HTTP method");
    }
    if (!PATH.matcher(requireNonNull(path, "path is null")).matches()) {
      throw new IllegalArgumentException("path must be an absolute path without query or fragment");
    }
    requireNonNull(params, "params is null");
  }

  private static void fieldValue(String value, String name) {
    if (!FIELD_VALUE.matcher(requireNonNull(value, name + " is null")).matches()) {
      throw new IllegalArgumentException(name + " must be printable ASCII, trimmed");
    }
  }

  /** The value of {@code @signature-params}, which is also this signature's member of {@code Signature-Input}. */
  public String signatureParams() {
    return COVERED + params.serialized();
  }

  /** The {@code Signature-Input} header: {@code sig1=(…);created=…;keyid="…";alg="…"}. */
  public String signatureInputHeader() {
    return LABEL + "=" + signatureParams();
  }

  /** The exact bytes that are signed (ASCII). */
  public byte[] bytes() {
    return ("\"@status\": " + status + "\n"
        + "\"content-digest\": " + contentDigest + "\n"
        + "\"content-type\": " + contentType + "\n"
        + "\"@method\";req: " + method + "\n"
        + "\"@path\";req: " + path + "\n"
        + "\"@signature-params\": " + signatureParams()).getBytes(US_ASCII);
  }

  /** SHA-256 of {@link #bytes()}: what the audit entry of the answer records. */
  public byte[] sha256() {
    return ContentDigest.sha256Bytes(bytes());
  }
}
