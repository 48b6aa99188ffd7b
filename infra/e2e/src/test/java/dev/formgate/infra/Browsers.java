package dev.formgate.infra;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests share: whether Chromium (and axe-core) are there, waiting for a page's heading or a text,
 * signing staff in at the local identity provider, screenshots, and axe-core's WCAG 2.1 A/AA check.
 */
final class Browsers {

	static final Path AXE = SharedStack.home().resolve("infra/e2e/axe/node_modules/axe-core/axe.min.js");
	static final Path SCREENSHOTS = Path.of(System.getProperty("formgate.screenshots", "target/screenshots"));

	private Browsers() {
	}

	/** Skips the test class without Chromium (and axe-core, if needed), unless CI requires them. */
	static void assumeInstalled(boolean withAxe) throws IOException {
		boolean installed = Files.isExecutable(DemoPageBrowserIntegrationTests.CHROMIUM)
				&& Files.isExecutable(DemoPageBrowserIntegrationTests.CHROMEDRIVER)
				&& (!withAxe || Files.isReadable(AXE));
		if (!Boolean.getBoolean("formgate.browser.required")) {
			Assumptions.assumeTrue(installed, "chromium, chromium-driver or axe-core (npm ci --prefix infra/e2e/axe) missing");
		}
		assertThat(installed).as("chromium, chromium-driver (and axe-core) are installed").isTrue();
		Files.createDirectories(SCREENSHOTS);
	}

	/** Opens the console, which sends the browser to the provider's sign-in form, and signs in there. */
	static void signIn(WebDriver browser, LocalStack stack, String user) {
		browser.get(stack.gatewayUrl() + "/console");
		login(browser, stack, user);
	}

	static void login(WebDriver browser, LocalStack stack, String user) {
		awaitHeading(browser, "Anmelden / Sign in");
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(stack.staffPassword(user));
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(d -> d.getCurrentUrl().startsWith(stack.gatewayUrl() + "/console"));
	}

	static void awaitHeading(WebDriver browser, String expected) {
		// Chromium reports an element of the page just left as "Node with given id does not belong to the document", a
		// plain WebDriverException rather than a stale element: both mean "look again"
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(WebDriverException.class)
			.withMessage(() -> "heading '" + expected + "' on " + browser.getCurrentUrl() + ": "
					+ browser.findElement(By.tagName("body")).getText())
			.until(d -> d.findElement(By.tagName("h1")).getText().equals(expected));
	}

	static void awaitText(WebDriver browser, String css, String expected) {
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.withMessage(() -> "'" + expected + "' in " + css + " on " + browser.getCurrentUrl() + ": "
					+ browser.findElement(By.tagName("body")).getText())
			.until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(expected)));
	}

	static void screenshot(ChromeDriver browser, String name) throws IOException {
		File shot = browser.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	/** A screenshot, and axe-core's WCAG 2.1 A/AA rules: no violation. */
	@SuppressWarnings("unchecked")
	static void accessible(ChromeDriver browser, String name) throws IOException {
		screenshot(browser, name);
		browser.executeScript(Files.readString(AXE));
		Object result = browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
				  .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
				  .catch(e => done(['axe failed: ' + e]));
				""");
		assertThat((List<String>) result).as("axe-core violations on %s (%s)", name, browser.getCurrentUrl()).isEmpty();
	}
}
