package org.consentgateway.audit;

/** The {@code README.txt} of a case file: what it holds and how to check it, by tool and by hand, in plain words. */
final class CaseReadme {

  private CaseReadme() {}

  static String text(CaseManifest manifest, String verifierKey) {
    return """
        CASE FILE %s
        ===================

        This file holds %d entries of the audit log "%s", exported on %s by %s.
        Each entry comes with a proof that it is in the log exactly as shown, as of one
        checkpoint (tree size %d) that the log signed. You can check all of it offline,
        without trusting the gateway or whoever sent you this file.

        What is inside
        --------------
        case.json              what the case holds: format, origin, checkpoint size, the
                               entry indexes, the files, when and by whom it was made
                               (not signed: everything that matters is checked against
                               the signed checkpoint)
        checkpoint.txt         the signed checkpoint (C2SP tlog-checkpoint in a C2SP
                               signed-note): origin, tree size, root hash, signature
        verifier-key.txt       the log's verifier key: %s
        entries/<index>.json   one entry: "index", "leafInput" (base64 of the exact bytes
                               that were hashed: the entry's canonical JSON, RFC 8785),
                               "leafHash", and "proof" (its inclusion proof hashes)
        proofs/<index>.tlog-proof
                               the same proof as a C2SP tlog-proof (c2sp.org/tlog-proof),
                               which other tools for transparency logs can check

        Checking it with the gateway's tool
        -----------------------------------
            gateway audit verify --case THIS.zip --verifier-key KEY

        KEY is the log's verifier key (the text above, or a file holding it), obtained from
        a source you trust, not from this file. Without --verifier-key the key in this file
        is used, which proves only that the file is consistent with itself. The tool prints
        "OK: ..." and what the case proves, or "FAIL index N: ..." naming each entry that
        does not hold.

        Checking it by hand
        -------------------
        1. The checkpoint. checkpoint.txt is a signed note: the text up to the empty line,
           then signature lines "— <key name> <base64>". The base64 decodes to a 4-byte key
           id then a 64-byte Ed25519 signature over the text (every byte up to and including
           the newline before the empty line). The key id is the first 4 bytes of
           SHA-256(key name || 0x0A || 0x01 || public key). The verifier key is
           <name>+<key id in hex>+<base64 of 0x01 || 32-byte public key>. The text's lines
           are the origin, the tree size and the base64 root hash.
        2. Each entry. Decode leafInput from base64: these bytes are the entry. Its leaf
           hash is SHA-256(0x00 || bytes); it must equal "leafHash". The bytes are JSON
           whose "index" is the entry's index.
        3. Its inclusion. Apply RFC 9162 section 2.1.3.2 to the leaf hash, the index, the
           tree size and the proof hashes (the leaf's sibling first), where an inner node
           is SHA-256(0x01 || left || right). The result must equal the checkpoint's root.

        An entry never holds a name or an ID number: a person appears only as "subjectRef",
        a pseudonym.
        """.formatted(manifest.caseId(), manifest.indexes().size(), manifest.origin(), manifest.createdAt(),
        manifest.exportedBy(), manifest.checkpointSize(), verifierKey);
  }
}
