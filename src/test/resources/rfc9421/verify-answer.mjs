// Verifies a saved gateway answer with the stock npm library http-message-signatures (RFC 9421),
// not with the gateway's code. Usage: node verify-answer.mjs ANSWER.json BODY JWKS.json
// ANSWER.json: {"status": 200, "headers": {...lower-case names...}, "method": "POST", "path": "/v1/queries"}
// Prints VERIFIED and exits 0, or prints why not and exits 1.
import { createRequire } from 'node:module';
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

const require = createRequire(process.env.RFC9421_MODULES + '/');
const { httpbis, createVerifier } = require('http-message-signatures');

const [answerFile, bodyFile, jwksFile] = process.argv.slice(2);
const answer = JSON.parse(readFileSync(answerFile, 'utf8'));
const body = readFileSync(bodyFile);
const jwks = JSON.parse(readFileSync(jwksFile, 'utf8'));

// RFC 9530: the signature covers Content-Digest; the digest must be the body's.
const digest = 'sha-256=:' + createHash('sha256').update(body).digest('base64') + ':';
if (answer.headers['content-digest'] !== digest) {
  console.log('NOT VERIFIED: the body does not match its Content-Digest');
  process.exit(1);
}
try {
  const verified = await httpbis.verifyMessage({
    keyLookup: async (params) => {
      const jwk = jwks.keys.find((key) => key.kid === params.keyid);
      if (!jwk) return null;
      return { id: jwk.kid, algs: ['ecdsa-p256-sha256'],
        verify: createVerifier(createPublicKey({ key: jwk, format: 'jwk' }), 'ecdsa-p256-sha256') };
    },
    requiredFields: ['@status', 'content-digest', 'content-type', '@method', '@path'],
    requiredParams: ['created', 'keyid', 'alg'],
    tolerance: 300,
  }, { status: answer.status, headers: answer.headers },
  { method: answer.method, url: 'https://gateway.example' + answer.path, headers: {} });
  console.log(verified ? 'VERIFIED' : 'NOT VERIFIED: ' + verified);
  process.exit(verified ? 0 : 1);
} catch (e) {
  console.log('NOT VERIFIED: ' + e.message);
  process.exit(1);
}
