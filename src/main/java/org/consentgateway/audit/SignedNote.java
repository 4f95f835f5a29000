package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A C2SP signed note: a text ending in a newline, an empty line, then one or more signature lines.
 * The signatures are over the text's exact UTF-8 bytes, final newline included.
 *
 * @param text the note text, e.g. a checkpoint body; non-empty, ending in {@code \n}, valid
 *     Unicode, without control characters other than newline
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

  /** The most signature lines parsed; the spec asks verifiers to accept at least 16. */
  public static final int MAX_SIGNATURES = 100;

  public SignedNote {
    requireValidText(text);
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException("a signed note has 1 to 100 signatures");
    }
  }

  /** Signs {@code text} with each signer in turn. */
  public static SignedNote sign(String text, NoteSigner... signers) {
    requireValidText(text);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> signatures = new ArrayList<>();
    for (NoteSigner signer : signers) {
      signatures.add(signer.sign(bytes));
    }
    return new SignedNote(text, signatures);
  }

  /** Parses a note received as bytes, which must be valid UTF-8; throws {@link AuditFormatException}. */
  public static SignedNote parse(byte[] note) {
    requireNonNull(note, "note is null");
    try {
      return parse(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(note))
          .toString());
    } catch (CharacterCodingException e) {
      throw new AuditFormatException("a signed note must be valid UTF-8");
    }
  }

  /**
   * Parses a note: the text runs to the last empty line, every following line is a signature
   * line, and the note ends in a newline. Throws {@link AuditFormatException}.
   */
  public static SignedNote parse(String note) {
    requireNonNull(note, "note is null");
    checkCharacters(note);
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new AuditFormatException("a signed note has an empty line before its signatures");
    }
    String text = note.substring(0, split + 1);
    String block = note.substring(split + 2);
    if (block.isEmpty() || !block.endsWith("\n")) {
      throw new AuditFormatException("a signed note ends with signature lines, each ending in a newline");
    }
    String[] signatureLines = block.substring(0, block.length() - 1).split("\n", -1);
    if (signatureLines.length > MAX_SIGNATURES) {
      throw new AuditFormatException("more than " + MAX_SIGNATURES + " signatures");
    }
    List<NoteSignature> signatures = new ArrayList<>();
    for (String line : signatureLines) {
      signatures.add(NoteSignature.parseLine(line));
    }
    return new SignedNote(text, signatures);
  }

  /** The note as sent: text, empty line, signature lines. */
  public String encode() {
    StringBuilder out = new StringBuilder(text).append('\n');
    signatures.forEach(signature -> out.append(signature.line()));
    return out.toString();
  }

  /** The exact bytes that are signed. */
  public byte[] textBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** This note with {@code signer}'s signature added, e.g. a witness cosigning. */
  public SignedNote cosign(NoteSigner signer) {
    List<NoteSignature> all = new ArrayList<>(signatures);
    all.add(signer.sign(textBytes()));
    return new SignedNote(text, all);
  }

  /**
   * Verifies per C2SP signed-note: lines from other keys (another name or key id) are ignored;
   * every line of the trusted key must verify (one that does not rejects the note); and at least
   * one must be there.
   */
  public Verdict verify(NoteVerifier verifier) {
    requireNonNull(verifier, "verifier is null");
    byte[] bytes = textBytes();
    boolean verified = false;
    for (NoteSignature signature : signatures) {
      if (verifier.isKeyOf(signature)) {
        if (!verifier.verifies(bytes, signature.signature())) {
          return Verdict.invalid(VerifyFailure.BAD_SIGNATURE,
              "the signature of " + verifier.name() + " does not verify");
        }
        verified = true;
      }
    }
    return verified
        ? Verdict.valid()
        : Verdict.invalid(VerifyFailure.NO_TRUSTED_SIGNATURE,
            "no signature of " + verifier.name() + "+" + NoteKeys.keyIdHex(verifier.keyId()));
  }

  private static void requireValidText(String text) {
    requireNonNull(text, "text is null");
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("a note text is non-empty and ends in a newline");
    }
    try {
      checkCharacters(text);
    } catch (AuditFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  // C2SP signed-note: valid UTF-8 and no ASCII control characters other than newline.
  private static void checkCharacters(String note) {
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new AuditFormatException("a signed note holds no control character but newline");
      }
      if (Character.isHighSurrogate(c) && i + 1 < note.length()
          && Character.isLowSurrogate(note.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new AuditFormatException("a signed note must be valid Unicode");
      }
    }
  }
}
