package org.consentgateway.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of browser tests: its tests and set-up methods may take a {@link Browser}
 * parameter (one per class, see {@link BrowserExtension}), and the whole class is skipped, saying
 * what to install, where Chromium is not. Tagged {@code browser}, so
 * {@code ./mvnw -B verify -Dgroups=browser} runs only these, {@code -DexcludedGroups=browser} all
 * but these; {@code ./mvnw -B verify} runs them with the rest.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(BrowserTest.TAG)
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {

  String TAG = "browser";
}
