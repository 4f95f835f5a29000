// Checks in the browser that an audit entry is in the log a signed checkpoint vouches for, so
// the citizen need not trust the page that shows it (docs/audit.md, "Checking a proof in the
// browser"). The same rules as the Java verifiers (audit.MerkleVerifier, audit.SignedNote,
// audit.NoteVerifier, audit.Checkpoint), with WebCrypto for SHA-256 and Ed25519.
//
// Every check resolves to {verified: true, size} or {verified: false, reason, detail}: reason is
// a stable snake_case code (those of audit.VerifyFailure, plus size_mismatch, unavailable,
// unsupported, and error for anything unforeseen), detail an English sentence. Untrusted input
// never throws.
//
// Importing the module binds every element with data-proof-url (see bindProofs) and every element
// with data-consistency-url (see bindConsistency, the regulator console's log page).

const HASH_SIZE = 32;
const ED25519 = 0x01; // C2SP signed-note, "Signature types"
const COSIGNATURE_V1 = 0x04; // C2SP tlog-cosignature, an Ed25519 witness key
const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
const MAX_SIGNATURES = 100; // as audit.SignedNote; the spec asks verifiers to accept at least 16
const SIGNATURE_PREFIX = '\u2014 '; // an em dash and a space begin every signature line
const UINT64_END = 1n << 64n;
const MAX_CHECKPOINT_SIZE = (1n << 63n) - 1n; // a Java long, as the gateway writes it

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;
const CHECKPOINT_SIZE = /^(?:0|[1-9][0-9]{0,18})$/;
const KEY_ID = /^[0-9a-fA-F]{8}$/;
// C2SP signed-note: key names are non-empty, without Unicode space or plus sign.
const KEY_NAME = /^[^+\p{White_Space}\p{Cc}\p{Cs}]+$/u;
// C2SP signed-note: valid Unicode and no control character but newline.
const NOTE_FORBIDDEN = /[\u0000-\u0009\u000b-\u001f]|\p{Cs}/u;

/** An untrusted input that does not verify: caught by the exported functions, never thrown out. */
class Refusal extends Error {
  constructor(reason, detail) {
    super(detail);
    this.reason = reason;
  }
}

function refuse(reason, detail) {
  throw new Refusal(reason, detail);
}

async function settle(check) {
  try {
    return await check();
  } catch (failure) {
    if (failure instanceof Refusal) {
      return {verified: false, reason: failure.reason, detail: failure.message};
    }
    return {verified: false, reason: 'error', detail: String(failure)};
  }
}

/**
 * Verifies a C2SP signed note with a verifier key `<name>+<key id hex>+<base64(0x01 || key)>`:
 * signatures of other keys are ignored, every one of this key must verify, and there must be one.
 * `note` is the note text, or its bytes (which must be UTF-8). Resolves to
 * {verified: true, text} or a refusal.
 */
export function verifySignedNote(note, verifierKey) {
  return settle(async () => ({verified: true, text: await checkedNote(note, verifierKey)}));
}

/**
 * Verifies a signed checkpoint (C2SP tlog-checkpoint) with the verifier key and, when
 * options.origin is given, that it names that log; with options.witnesses = {keys: [witness
 * vkeys], quorum}, also that at least `quorum` of those witnesses cosigned it (C2SP
 * tlog-cosignature) and that no line of theirs fails (reasons no_quorum, bad_cosignature). Resolves to
 * {verified: true, origin, size, rootHash (base64)} or a refusal.
 */
export function verifyCheckpoint(note, verifierKey, options = {}) {
  return settle(async () => {
    const checkpoint = await checkedCheckpoint(note, verifierKey, options.origin, options.witnesses);
    return {verified: true, origin: checkpoint.origin, size: exact(checkpoint.size), rootHash: encodeBase64(checkpoint.root)};
  });
}

/**
 * Verifies an inclusion proof against a root hash alone (RFC 9162 §2.1.3.2). `proof` holds
 * `index` and `size` (whole numbers as number, bigint or decimal text, 0 to 2^64 − 1), `hashes`
 * (base64 or bytes, as the proof endpoints return them), `root`, and either `leafHash` or
 * `leafInput` (the entry's bytes, hashed here as SHA-256(0x00 || input)).
 */
export function verifyInclusionProof(proof) {
  return settle(async () => {
    const size = uint64(proof.size, 'tree size');
    await checkedInclusion(proof, size, bytesOf(proof.root, 'root hash'));
    return {verified: true, size: exact(size)};
  });
}

/**
 * Verifies that an entry is in the log a signed checkpoint vouches for: the checkpoint's
 * signature with the verifier key, then the inclusion proof (`proof` as for
 * verifyInclusionProof, without `root`) against the checkpoint's root. The proof must be for the
 * checkpoint's size. Resolves to {verified: true, size} (the checkpoint's) or a refusal.
 */
export function verifyInclusion(proof, checkpointNote, verifierKey, options = {}) {
  return settle(async () => {
    const checkpoint = await checkedCheckpoint(checkpointNote, verifierKey, options.origin, options.witnesses);
    return checkedAgainst(proof, checkpoint);
  });
}

async function checkedAgainst(proof, checkpoint) {
  const size = uint64(proof.size, 'tree size');
  if (size !== checkpoint.size) {
    refuse('size_mismatch', `the proof is for tree size ${size}, the checkpoint for size ${checkpoint.size}`);
  }
  await checkedInclusion(proof, size, checkpoint.root);
  return {verified: true, size: exact(size)};
}

async function checkedInclusion(proof, size, root) {
  const index = uint64(proof.index, 'leaf index');
  const leafHash = proof.leafInput === undefined
      ? bytesOf(proof.leafHash, 'leaf hash')
      : await sha256(concat(Uint8Array.of(0x00), bytesOf(proof.leafInput, 'leaf input'))); // RFC 9162 §2.1.1
  if (!Array.isArray(proof.hashes)) {
    refuse('malformed', 'the proof hashes are not a list');
  }
  const hashes = proof.hashes.map((hash, i) => bytesOf(hash, `proof hash ${i}`));
  const computed = await rootFromInclusionProof(index, size, leafHash, hashes, root);
  if (!equal(computed, root)) {
    refuse('root_mismatch', 'the proof leads to another root');
  }
}

// RFC 9162 §2.1.3.2, step for step as audit.MerkleVerifier.verifyInclusion.
async function rootFromInclusionProof(index, size, leafHash, proof, root) {
  if (index >= size) { // step 1
    refuse('index_out_of_range', `leaf index ${index} is not below tree size ${size}`);
  }
  if (leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE || proof.some(p => p.length !== HASH_SIZE)) {
    refuse('bad_hash_length', 'a leaf, root or proof hash is not 32 bytes');
  }
  let fn = index; // steps 2-5
  let sn = size - 1n;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) {
      refuse('wrong_proof_length', `proof of ${proof.length} hashes is too long`);
    }
    if ((fn & 1n) === 1n || fn === sn) {
      r = await node(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await node(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    refuse('wrong_proof_length', `proof of ${proof.length} hashes is too short`);
  }
  return r;
}

/**
 * Verifies a consistency proof between two root hashes alone (RFC 9162 §2.1.4.2). `proof` holds
 * `size1` and `size2` (whole numbers as for verifyInclusionProof), `root1`, `root2` and `hashes`
 * (base64 or bytes). Resolves to {verified: true, size1, size2} or a refusal.
 */
export function verifyConsistencyProof(proof) {
  return settle(async () => {
    const size1 = uint64(proof.size1, 'first tree size');
    const size2 = uint64(proof.size2, 'second tree size');
    await checkedConsistency(size1, size2, hashesOf(proof.hashes), proof.root1, proof.root2);
    return {verified: true, size1: exact(size1), size2: exact(size2)};
  });
}

/**
 * Verifies that the log a later signed checkpoint vouches for extends the one an earlier signed
 * checkpoint vouches for: both signatures with the verifier key (and, with options.origin, both
 * of that log), then the consistency proof (`hashes`) from the first checkpoint's size and root to
 * the second's. Resolves to {verified: true, size1, size2} or a refusal.
 */
export function verifyConsistency(hashes, firstNote, secondNote, verifierKey, options = {}) {
  return settle(async () => {
    const first = await checkedCheckpoint(firstNote, verifierKey, options.origin);
    const second = await checkedCheckpoint(secondNote, verifierKey, options.origin);
    await checkedConsistency(first.size, second.size, hashesOf(hashes), first.root, second.root);
    return {verified: true, size1: exact(first.size), size2: exact(second.size)};
  });
}

function hashesOf(hashes) {
  if (!Array.isArray(hashes)) {
    refuse('malformed', 'the proof hashes are not a list');
  }
  return hashes.map((hash, i) => bytesOf(hash, `proof hash ${i}`));
}

// RFC 9162 §2.1.4.2, step for step as audit.MerkleVerifier.verifyConsistency.
async function checkedConsistency(size1, size2, proof, root1Value, root2Value) {
  if (size1 > size2 || size1 === 0n) {
    refuse('size_out_of_range', `no consistency proof from size ${size1} to size ${size2}`);
  }
  const root1 = bytesOf(root1Value, 'first root hash');
  const root2 = bytesOf(root2Value, 'second root hash');
  if (size1 === size2) {
    if (proof.length !== 0) {
      refuse('wrong_proof_length', `proof of ${proof.length} hashes is too long`);
    }
    if (!equal(root1, root2)) {
      refuse('root_mismatch', 'same size but different roots');
    }
    return;
  }
  if (proof.length === 0) { // step 1
    refuse('wrong_proof_length', 'proof of 0 hashes is too short');
  }
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE || proof.some(p => p.length !== HASH_SIZE)) {
    refuse('bad_hash_length', 'a root or proof hash is not 32 bytes');
  }
  const path = (size1 & (size1 - 1n)) === 0n ? [root1, ...proof] : proof; // step 2: size1 a power of 2
  let fn = size1 - 1n; // step 3
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) { // step 4
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]; // step 5
  let sr = path[0];
  for (const c of path.slice(1)) { // step 6
    if (sn === 0n) {
      refuse('wrong_proof_length', `proof of ${proof.length} hashes is too long`);
    }
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await node(c, fr);
      sr = await node(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = await node(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) { // step 7
    refuse('wrong_proof_length', `proof of ${proof.length} hashes is too short`);
  }
  if (!equal(fr, root1)) {
    refuse('root_mismatch', 'the proof leads to another first root');
  }
  if (!equal(sr, root2)) {
    refuse('root_mismatch', 'the proof leads to another second root');
  }
}

// --- Signed notes and checkpoints (C2SP signed-note, tlog-checkpoint) ---

async function checkedCheckpoint(note, verifierKey, origin, witnesses) {
  const checkpoint = parseCheckpoint(await checkedNote(note, verifierKey));
  if (origin !== undefined && origin !== null && checkpoint.origin !== origin) {
    refuse('origin_mismatch', `the checkpoint is of log ${checkpoint.origin}, not ${origin}`);
  }
  if (witnesses !== undefined && witnesses !== null) {
    await checkedWitnesses(note, witnesses);
  }
  return checkpoint;
}

// As audit.WitnessPolicy with a quorum of `quorum` among `keys` (C2SP tlog-cosignature vkeys):
// every line of a named witness must verify, and at least `quorum` witnesses must have one.
async function checkedWitnesses(note, {keys, quorum}) {
  const parsed = parseNote(typeof note === 'string' ? note : utf8(note));
  const text = new TextEncoder().encode(parsed.text);
  const cosigned = [];
  for (const vkey of keys) {
    const key = parseVerifierKey(vkey, COSIGNATURE_V1);
    const keyId = uint32(await sha256(concat(new TextEncoder().encode(key.name), Uint8Array.of(0x0a, COSIGNATURE_V1), key.raw)));
    if (keyId !== key.keyId) {
      refuse('malformed', `the key id of witness ${key.name} does not match its name and key`);
    }
    const publicKey = await importEd25519(key.raw);
    for (const line of parsed.signatures) {
      if (line.keyName === key.name && line.keyId === key.keyId) {
        const bytes = line.bytes;
        const time = bytes.length === 8 + ED25519_SIGNATURE_SIZE ? new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0) : -1n;
        const message = concat(new TextEncoder().encode(`cosignature/v1\ntime ${time}\n`), text);
        if (time < 0n || time >= (1n << 63n) || !await ed25519Verifies(publicKey, bytes.subarray(8), message)) {
          refuse('bad_cosignature', `the cosignature of witness ${key.name} does not verify`);
        }
        cosigned.push(key.name);
      }
    }
  }
  const distinct = new Set(cosigned).size;
  if (distinct < quorum) {
    refuse('no_quorum', `cosigned by ${distinct} of the witnesses, ${quorum} needed`);
  }
}

async function checkedNote(note, verifierKey) {
  const key = parseVerifierKey(verifierKey);
  const parsed = parseNote(typeof note === 'string' ? note : utf8(note));
  const text = new TextEncoder().encode(parsed.text);
  const keyId = await keyIdOf(key.name, key.raw);
  if (keyId !== key.keyId) {
    refuse('malformed', 'the verifier key id does not match its name and key');
  }
  const publicKey = await importEd25519(key.raw);
  let verified = false;
  for (const signature of parsed.signatures) {
    if (signature.keyName === key.name && signature.keyId === key.keyId) {
      if (!await ed25519Verifies(publicKey, signature.bytes, text)) {
        refuse('bad_signature', `the signature of ${key.name} does not verify`);
      }
      verified = true;
    }
  }
  if (!verified) {
    refuse('no_trusted_signature', `no signature of ${key.name}+${hex32(key.keyId)}`);
  }
  return parsed.text;
}

// As audit.SignedNote.parse: the text runs to the last empty line, every following line is a
// signature line, and the note ends in a newline.
function parseNote(note) {
  if (NOTE_FORBIDDEN.test(note)) {
    refuse('malformed', 'a signed note is valid Unicode without control characters but newline');
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0) {
    refuse('malformed', 'a signed note has an empty line before its signatures');
  }
  const text = note.substring(0, split + 1);
  const block = note.substring(split + 2);
  if (block === '' || !block.endsWith('\n')) {
    refuse('malformed', 'a signed note ends with signature lines, each ending in a newline');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) {
    refuse('malformed', `more than ${MAX_SIGNATURES} signatures`);
  }
  return {text, signatures: lines.map(parseSignatureLine)};
}

// `— <key name> <base64(4-byte key id || signature)>`
function parseSignatureLine(line) {
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    refuse('malformed', 'a signature line starts with an em dash and a space');
  }
  const rest = line.substring(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0 || !KEY_NAME.test(rest.substring(0, space))) {
    refuse('malformed', 'a signature line is \u2014 <key name> <base64>');
  }
  const decoded = decodeBase64(rest.substring(space + 1), 'signature');
  if (decoded.length < 5) {
    refuse('malformed', 'a signature holds a 4-byte key id and at least one byte');
  }
  return {keyName: rest.substring(0, space), keyId: uint32(decoded), bytes: decoded.subarray(4)};
}

// As audit.NoteVerifier.parse (audit.CosignerKey.parse with type 0x04); base64 may hold "+",
// names and ids never.
function parseVerifierKey(verifierKey, type = ED25519) {
  const first = typeof verifierKey === 'string' ? verifierKey.indexOf('+') : -1;
  const second = first < 0 ? -1 : verifierKey.indexOf('+', first + 1);
  const name = second < 0 ? '' : verifierKey.substring(0, first);
  const id = second < 0 ? '' : verifierKey.substring(first + 1, second);
  if (!KEY_NAME.test(name) || !KEY_ID.test(id)) {
    refuse('malformed', 'a verifier key is <name>+<8 hex key id>+<base64 key>');
  }
  const key = decodeBase64(verifierKey.substring(second + 1), 'verifier key');
  if (key.length !== 1 + ED25519_KEY_SIZE || key[0] !== type) {
    refuse('malformed', `the verifier key is not an Ed25519 key (type 0x0${type} and 32 bytes)`);
  }
  return {name, keyId: parseInt(id, 16), raw: key.subarray(1)};
}

// As audit.Checkpoint.parse: origin, size in decimal without leading zeroes, canonical base64 of
// the 32-byte root, then optional extension lines; every line non-empty.
function parseCheckpoint(body) {
  const lines = body.slice(0, -1).split('\n'); // a note text ends in a newline
  if (lines.length < 3) {
    refuse('malformed', 'a checkpoint has an origin, a size and a root hash line');
  }
  if (lines.some(line => line === '')) {
    refuse('malformed', 'a checkpoint has no empty line');
  }
  if (!CHECKPOINT_SIZE.test(lines[1]) || BigInt(lines[1]) > MAX_CHECKPOINT_SIZE) {
    refuse('malformed', 'the checkpoint size is not a decimal without leading zeroes, below 2^63');
  }
  const root = decodeBase64(lines[2], 'checkpoint root hash');
  if (root.length !== HASH_SIZE) {
    refuse('malformed', `the checkpoint root hash is ${root.length} bytes, not 32`);
  }
  return {origin: lines[0], size: BigInt(lines[1]), root};
}

// C2SP signed-note: key ID = SHA-256(key name || 0x0A || 0x01 || public key)[:4], big-endian.
async function keyIdOf(name, raw) {
  return uint32(await sha256(concat(new TextEncoder().encode(name), Uint8Array.of(0x0a, ED25519), raw)));
}

async function importEd25519(raw) {
  try {
    return await subtle().importKey('raw', raw, {name: 'Ed25519'}, false, ['verify']);
  } catch (failure) {
    if (failure && failure.name === 'NotSupportedError') {
      refuse('unsupported', 'this browser cannot check Ed25519 signatures');
    }
    refuse('malformed', 'the verifier key is not a valid Ed25519 key');
  }
}

async function ed25519Verifies(publicKey, signature, text) {
  if (signature.length !== ED25519_SIGNATURE_SIZE) {
    return false;
  }
  try {
    return await subtle().verify({name: 'Ed25519'}, publicKey, signature, text);
  } catch (failure) {
    return false;
  }
}

// --- Bytes ---

function subtle() {
  if (!globalThis.crypto || !globalThis.crypto.subtle) {
    refuse('unsupported', 'this page has no WebCrypto (it needs https)');
  }
  return globalThis.crypto.subtle;
}

async function sha256(bytes) {
  return new Uint8Array(await subtle().digest('SHA-256', bytes));
}

// RFC 9162 §2.1.1: an interior node is SHA-256(0x01 || left || right).
function node(left, right) {
  return sha256(concat(Uint8Array.of(0x01), left, right));
}

function concat(...parts) {
  const all = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

function equal(a, b) {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function uint32(bytes) {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
}

function hex32(value) {
  return value.toString(16).padStart(8, '0');
}

/** Base64 text (canonical only) or bytes, as bytes. */
function bytesOf(value, what) {
  if (value instanceof Uint8Array) {
    return value;
  }
  if (value instanceof ArrayBuffer) {
    return new Uint8Array(value);
  }
  return decodeBase64(value, what);
}

// RFC 4648 §4, canonical only (padded, zero pad bits), as audit.StrictBase64.
function decodeBase64(text, what) {
  if (typeof text !== 'string' || !BASE64.test(text)) {
    refuse('malformed', `the ${what} is not standard base64`);
  }
  const bytes = Uint8Array.from(atob(text), c => c.charCodeAt(0));
  if (encodeBase64(bytes) !== text) {
    refuse('malformed', `the ${what} is not canonical base64`);
  }
  return bytes;
}

function encodeBase64(bytes) {
  return btoa(Array.from(bytes, byte => String.fromCharCode(byte)).join(''));
}

function utf8(bytes) {
  try {
    // ignoreBOM keeps a leading U+FEFF in the text, which is then part of what was signed
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(bytes);
  } catch (failure) {
    refuse('malformed', 'a signed note must be valid UTF-8');
  }
}

function uint64(value, what) {
  let number;
  if (typeof value === 'bigint') {
    number = value;
  } else if (typeof value === 'number' && Number.isSafeInteger(value)) {
    number = BigInt(value);
  } else if (typeof value === 'string' && DECIMAL.test(value)) {
    number = BigInt(value);
  } else {
    refuse('malformed', `the ${what} is not an exact whole number`);
  }
  if (number < 0n || number >= UINT64_END) {
    refuse('malformed', `the ${what} is not from 0 to 2^64 - 1`);
  }
  return number;
}

/** A size as a number when exact, else as a bigint. */
function exact(size) {
  return size <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(size) : size;
}

// --- The page binding ---

const bound = new WeakMap();

/**
 * Checks the proof of every element under `root` marked with data-proof-url and writes the
 * outcome into it; resolves to the outcomes, in document order. An element is checked once,
 * however often this is called. The page renders, on each element:
 *
 *   data-proof-url       the entry's inclusion proof, e.g. /v1/me/audit/proofs/inclusion?index=7;
 *                        the script sets its `size` parameter to the checkpoint's size
 *   data-checkpoint-url  the signed checkpoint, e.g. /v1/audit/checkpoint
 *   data-verifier-key    the pinned verifier key, <name>+<key id hex>+<base64 key>
 *   data-index           the entry's index in the log
 *   data-leaf-input      base64 of the entry's exact bytes, or else
 *   data-leaf-hash       base64 of its leaf hash
 *   data-origin          (optional) the log the checkpoint must name, e.g. consent-gateway.local/audit
 *   data-witness-keys    (optional) the witnesses' verifier keys, space-separated: the checkpoint
 *   data-witness-quorum  must then carry valid cosignatures of at least this many of them
 *   data-text-verified   the text to show when verified; {size} becomes the checkpoint size
 *   data-text-failed     the text to show when not; {reason} becomes the reason code
 *
 * While checking, data-proof-state is "checking", then "verified" or "failed" (with
 * data-proof-reason). Every fetch is same-origin, with the session cookie. Elements sharing a
 * checkpoint URL and key share one fetch of it, so all are checked against the same checkpoint.
 */
export function bindProofs(root = document) {
  const checkpoints = new Map();
  const checks = Array.from(root.querySelectorAll('[data-proof-url]'), element => {
    if (!bound.has(element)) {
      bound.set(element, checkElement(element, checkpoints));
    }
    return bound.get(element);
  });
  return Promise.all(checks);
}

async function checkElement(element, checkpoints) {
  element.dataset.proofState = 'checking';
  const result = await settle(async () => {
    const data = element.dataset;
    const key = required(data.verifierKey, 'data-verifier-key').trim();
    const index = uint64(required(data.index, 'data-index'), 'data-index');
    const leaf = data.leafInput !== undefined
        ? {leafInput: data.leafInput}
        : {leafHash: required(data.leafHash, 'data-leaf-input or data-leaf-hash')};
    const checkpointUrl = required(data.checkpointUrl, 'data-checkpoint-url');
    const origin = data.origin || undefined;
    const witnesses = data.witnessKeys
        ? {keys: data.witnessKeys.trim().split(/\s+/), quorum: Number(required(data.witnessQuorum, 'data-witness-quorum'))}
        : undefined;
    const shared = [checkpointUrl, key, origin, data.witnessKeys, data.witnessQuorum].join('\n');
    if (!checkpoints.has(shared)) {
      checkpoints.set(shared, fetchBytes(checkpointUrl).then(note => checkedCheckpoint(note, key, origin, witnesses)));
    }
    const checkpoint = await checkpoints.get(shared);
    const proofUrl = new URL(required(data.proofUrl, 'data-proof-url'), document.baseURI);
    proofUrl.searchParams.set('size', checkpoint.size.toString());
    const proof = await fetchJson(proofUrl);
    if (proof === null || typeof proof !== 'object' || String(proof.index) !== index.toString()) {
      refuse('malformed', `the answer is not the proof of entry ${index}`);
    }
    return checkedAgainst({...leaf, index, size: proof.size, hashes: proof.hashes}, checkpoint);
  });
  show(element, result);
  return result;
}

function show(element, result) {
  if (result.verified) {
    element.textContent = (element.dataset.textVerified ?? 'verified against checkpoint of size {size}')
        .replaceAll('{size}', String(result.size));
    element.dataset.proofState = 'verified';
    element.dataset.proofSize = String(result.size);
    delete element.dataset.proofReason;
  } else {
    element.textContent = (element.dataset.textFailed ?? 'not verified: {reason}').replaceAll('{reason}', result.reason);
    element.dataset.proofState = 'failed';
    element.dataset.proofReason = result.reason;
  }
}

function required(value, attribute) {
  if (value === undefined || value === '') {
    refuse('malformed', `the page gives no ${attribute}`);
  }
  return value;
}

async function fetched(url) {
  let response;
  try {
    response = await fetch(url, {credentials: 'same-origin'});
  } catch (failure) {
    refuse('unavailable', `${url} could not be fetched`);
  }
  if (!response.ok) {
    refuse('unavailable', `${url} answered ${response.status}`);
  }
  return response;
}

async function fetchBytes(url) {
  return new Uint8Array(await (await fetched(url)).arrayBuffer());
}

async function fetchJson(url) {
  const response = await fetched(url);
  try {
    return await response.json();
  } catch (failure) {
    refuse('malformed', `${url} did not answer JSON`);
  }
}

/**
 * Checks the log's consistency for every element under `root` marked with data-consistency-url
 * (the console's log page) and writes the outcome into it. The page renders, on each element:
 *
 *   data-consistency-url  JSON {first: {note}, second: {note}, hashes}: the previous and the latest
 *                         signed checkpoints and the consistency proof between them, or
 *                         {first: null, second: {note}, hashes: []} while only one is published
 *   data-verifier-key     the pinned verifier key
 *   data-origin           (optional) the log both checkpoints must name
 *   data-text-verified    shown when verified; {size1} and {size2} become the two sizes
 *   data-text-single      shown when there is one checkpoint only; {size2} its size
 *   data-text-failed      shown when not verified; {reason} becomes the reason code
 *
 * data-proof-state is "checking", then "verified", "single" or "failed" (with data-proof-reason).
 */
export function bindConsistency(root = document) {
  const checks = Array.from(root.querySelectorAll('[data-consistency-url]'), element => {
    if (!bound.has(element)) {
      bound.set(element, checkConsistencyElement(element));
    }
    return bound.get(element);
  });
  return Promise.all(checks);
}

async function checkConsistencyElement(element) {
  element.dataset.proofState = 'checking';
  const data = element.dataset;
  const result = await settle(async () => {
    const key = required(data.verifierKey, 'data-verifier-key').trim();
    const origin = data.origin || undefined;
    const answer = await fetchJson(new URL(required(data.consistencyUrl, 'data-consistency-url'), document.baseURI));
    if (answer === null || typeof answer !== 'object' || answer.second === null || typeof answer.second !== 'object') {
      refuse('malformed', 'the answer holds no latest checkpoint');
    }
    if (answer.first === null) {
      const only = await checkedCheckpoint(answer.second.note, key, origin);
      return {verified: false, single: true, size2: exact(only.size)};
    }
    if (typeof answer.first !== 'object') {
      refuse('malformed', 'the answer holds no previous checkpoint');
    }
    return verifyConsistency(answer.hashes, answer.first.note, answer.second.note, key, {origin});
  });
  if (result.verified) {
    element.textContent = (data.textVerified ?? 'consistent: {size1} to {size2}')
        .replaceAll('{size1}', String(result.size1)).replaceAll('{size2}', String(result.size2));
    data.proofState = 'verified';
    delete data.proofReason;
  } else if (result.single) {
    element.textContent = (data.textSingle ?? 'one checkpoint of size {size2}').replaceAll('{size2}', String(result.size2));
    data.proofState = 'single';
  } else {
    element.textContent = (data.textFailed ?? 'not verified: {reason}').replaceAll('{reason}', result.reason);
    data.proofState = 'failed';
    data.proofReason = result.reason;
  }
  return result;
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => {
      bindProofs();
      bindConsistency();
    });
  } else {
    bindProofs();
    bindConsistency();
  }
}
