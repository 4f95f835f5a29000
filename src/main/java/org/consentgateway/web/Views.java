package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The models of the sign-in pages, one record per template under {@code src/main/jte/signin/}:
 * what a page shows, computed before it renders, so templates hold no logic beyond loops.
 */
public final class Views {

  private Views() {}

  /** {@code signin/sign-in.jte}: the button that starts the sign-in. */
  public record SignIn(PageFrame frame, String csrfToken, String next, boolean signedOut) {
    public SignIn {
      requireNonNull(frame, "frame is null");
      requireNonNull(csrfToken, "csrfToken is null");
      requireNonNull(next, "next is null");
    }
  }

  /**
   * {@code signin/notice.jte}: a page that says why something did not happen (a refused sign-in, a
   * form without its CSRF token, no identity provider) and offers to start again.
   *
   * @param titleKey the message key of the heading
   * @param messageKey the message key of the explanation
   * @param offerSignIn whether to link to the sign-in page
   */
  public record Notice(PageFrame frame, String titleKey, String messageKey, boolean offerSignIn) {
    public Notice {
      requireNonNull(frame, "frame is null");
      requireNonNull(titleKey, "titleKey is null");
      requireNonNull(messageKey, "messageKey is null");
    }
  }

  /** {@code signin/home.jte}: the placeholder home page, naming the signed-in citizen by a shortened subjectRef. */
  public record Home(PageFrame frame, String shortSubjectRef, String csrfToken) {
    public Home {
      requireNonNull(frame, "frame is null");
      requireNonNull(shortSubjectRef, "shortSubjectRef is null");
      requireNonNull(csrfToken, "csrfToken is null");
    }
  }

  /**
   * {@code signin/demo-authorize.jte}: the demo identity provider's page, where one types an ID
   * number or picks a synthetic citizen (shown masked; the form sends the citizen's index).
   */
  public record DemoAuthorize(PageFrame frame, DemoAuthorization request, List<DemoCitizen> citizens, boolean invalidIdNumber) {
    public DemoAuthorize {
      requireNonNull(frame, "frame is null");
      requireNonNull(request, "request is null");
      citizens = List.copyOf(citizens);
    }
  }

  /** A citizen the demo page offers: its index in the list and its masked ID number. */
  public record DemoCitizen(int index, String maskedIdNumber) {
    public DemoCitizen {
      requireNonNull(maskedIdNumber, "maskedIdNumber is null");
    }
  }
}
