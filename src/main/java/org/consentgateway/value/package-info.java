/**
 * Values every layer shares, with no dependency on Vert.x, SQL or HTTP: the identifiers
 * ({@link org.consentgateway.value.ResidentIdNumber}, {@link org.consentgateway.value.UnifiedSocialCreditCode},
 * {@link org.consentgateway.value.SubjectRef}) and who a caller is ({@link org.consentgateway.value.Principal},
 * {@link org.consentgateway.value.Role}), and {@link org.consentgateway.value.UploadedFile}, a form's file
 * that {@code http} reads into memory and {@code web} takes. Each is validated in its constructor; types holding personal
 * identifiers never print them in full. Pure and thread-safe.
 */
package org.consentgateway.value;
