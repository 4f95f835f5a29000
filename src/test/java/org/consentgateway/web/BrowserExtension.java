package org.consentgateway.web;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class one {@link Browser}, through {@link BrowserTest}: a parameter of type
 * {@code Browser} on test methods, constructors and {@code @BeforeAll}/{@code @BeforeEach}/
 * {@code @AfterEach}/{@code @AfterAll} methods. The browser starts on first use and quits when the
 * class has finished (JUnit closes what the class's store holds), whether its tests passed or not.
 *
 * <p>Without {@link ChromiumBinaries#DEBIAN} the whole class is skipped before any of its own
 * set-up runs, with a message that names the packages to install. Each test starts with an empty
 * {@link ConsoleLog}.
 */
public final class BrowserExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  /** Where screenshots go: the build sets it under its build folder; {@code target/screenshots} otherwise. */
  static final String SCREENSHOTS_PROPERTY = "gateway.test.screenshots-dir";

  private static final Namespace NAMESPACE = Namespace.create(BrowserExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    ChromiumBinaries.DEBIAN.assumeInstalled();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Browser browser = classContext(context).getStore(NAMESPACE).get(context.getRequiredTestClass(), Browser.class);
    if (browser != null) {
      browser.console().clear();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == Browser.class;
  }

  @Override
  public Browser resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    ExtensionContext classContext = classContext(extensionContext);
    // Keyed by class: a @Nested class's store would otherwise find its enclosing class's browser.
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(classContext.getRequiredTestClass(),
        key -> Browser.start(ChromiumBinaries.DEBIAN, screenshotDirectory()), Browser.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    return classContext;
  }

  static Path screenshotDirectory() {
    return Path.of(System.getProperty(SCREENSHOTS_PROPERTY, "target/screenshots"));
  }
}
