package org.consentgateway.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;

/**
 * The bank's program whose key lives in an HSM, run by {@link Pkcs11SigningKeyTest} in a JVM of its
 * own (so that SoftHSM sees {@code SOFTHSM2_CONF}): exactly the steps of docs/integration.md. It
 * prints whether the private key's bytes can be read (they cannot: it signs inside the token), the
 * algorithm it signs and the gateway's answer to {@code GET /v1/whoami} with the access token that
 * the token's signature earned.
 *
 * <p>Arguments: the SunPKCS11 configuration file, the gateway's issuer URL, the bank's USCC, the
 * key's alias in the token; the token's user PIN comes in the environment variable
 * {@code BANK_HSM_PIN}, not on the command line.
 */
public final class HsmBank {

  private HsmBank() {
  }

  public static void main(String[] arguments) throws Exception {
    Provider pkcs11 = Security.getProvider("SunPKCS11").configure(arguments[0]);
    KeyStore hsm = KeyStore.getInstance("PKCS11", pkcs11);
    hsm.load(null, System.getenv("BANK_HSM_PIN").toCharArray());
    PrivateKey key = (PrivateKey) hsm.getKey(arguments[3], null);
    System.out.println("private key bytes readable: " + (key.getEncoded() != null));

    ClientSigningKey signing = ClientSigningKey.fromKeyStore(hsm, arguments[3], null);
    System.out.println("signs " + signing.algorithm());
    BlockingConsentGatewayClient bank = ConsentGatewayClient.builder(arguments[1], arguments[2], signing).connectBlocking();
    HttpResponse<String> whoami = HttpClient.newHttpClient().send(HttpRequest.newBuilder(bank.metadata().whoamiEndpoint())
        .header("Authorization", "Bearer " + bank.accessToken()).build(), HttpResponse.BodyHandlers.ofString());
    System.out.println("whoami " + whoami.statusCode() + " " + whoami.body());
  }
}
