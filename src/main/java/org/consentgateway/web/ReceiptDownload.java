package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.consent.ConsentLifecycle;

/**
 * The citizen's consent receipt as a file, {@code consent-receipt-<consent id>.jws}: the signed JWS
 * as it is ({@value ReceiptView#MEDIA_TYPE}, RFC 7515 §9.2.1), for the consent's owner only;
 * anyone else's, or none, is the 404 page. The consent capability signs the copy when it is asked
 * for ({@link ConsentLifecycle#receiptOf}).
 */
public final class ReceiptDownload {

  public static final String PATH = CitizenApp.PREFIX + "/consents/:id/receipt";

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final ConsentLifecycle lifecycle;

  public ReceiptDownload(SignedIn signedIn, Pages pages, Responder responder, ConsentLifecycle lifecycle) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
  }

  /** The link to the receipt of consent {@code consentId}. */
  static String href(String consentId) {
    return PATH.replace(":id", consentId);
  }

  public void mount(Router router) {
    router.get(PATH).handler(signedIn.guard()).handler(this::download);
  }

  private void download(RoutingContext context) {
    Optional<UUID> id = PathIds.uuid(context);
    if (id.isEmpty()) {
      responder.notFound(context);
      return;
    }
    lifecycle.receiptOf(signedIn.citizen(context), id.get())
        .onSuccess(receipt -> pages.attachment(context, ReceiptView.MEDIA_TYPE, ReceiptView.fileName(id.get().toString()), receipt))
        .onFailure(failure -> responder.showError(context, failure));
  }
}
