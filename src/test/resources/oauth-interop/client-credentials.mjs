// A bank's integrator in Node with a stock OAuth 2.0 client, the npm package openid-client (v6),
// and nothing but the gateway's issuer URL and the bank's key: RFC 8414 discovery, private_key_jwt
// (RFC 7523), the client_credentials grant, then a call to the whoami endpoint the metadata names.
// Usage: node client-credentials.mjs ISSUER CLIENT_ID PRIVATE_KEY.pem   (OAUTH_MODULES: the node_modules folder)
// Prints "WHOAMI <json>" and exits 0, or prints why not and exits 1.
import { createRequire } from 'node:module';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const require = createRequire(process.env.OAUTH_MODULES + '/');
const client = await import(pathToFileURL(require.resolve('openid-client')).href);

const [issuer, clientId, keyFile] = process.argv.slice(2);
try {
  // The PEM (PKCS#8) as a WebCrypto key: openid-client signs with WebCrypto and takes the alg (ES256) from the key.
  const jwk = createPrivateKey(readFileSync(keyFile, 'utf8')).export({ format: 'jwk' });
  const key = await webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: jwk.crv }, false, ['sign']);

  // algorithm 'oauth2': RFC 8414's /.well-known/oauth-authorization-server, not OpenID Connect's document.
  // allowInsecureRequests: the test gateway listens on plain http on the loopback address.
  const config = await client.discovery(new URL(issuer), clientId, undefined, client.PrivateKeyJwt(key),
    { algorithm: 'oauth2', execute: [client.allowInsecureRequests] });
  const tokens = await client.clientCredentialsGrant(config);
  if (tokens.token_type?.toLowerCase() !== 'bearer') throw new Error('token_type is not Bearer');

  const whoami = config.serverMetadata().consent_gateway_whoami_endpoint;
  if (!whoami) throw new Error('the metadata names no consent_gateway_whoami_endpoint');
  const response = await client.fetchProtectedResource(config, tokens.access_token, new URL(whoami), 'GET');
  if (response.status !== 200) throw new Error('whoami answered ' + response.status + ': ' + await response.text());
  console.log('WHOAMI ' + JSON.stringify(await response.json()));
  process.exit(0);
} catch (e) {
  console.log('FAILED: ' + (e.code ? e.code + ' ' : '') + e.message + (e.cause ? ' (' + JSON.stringify(e.cause) + ')' : ''));
  process.exit(1);
}
