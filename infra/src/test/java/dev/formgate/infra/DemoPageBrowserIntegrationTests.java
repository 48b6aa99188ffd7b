package dev.formgate.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a person does, in a real headless Chromium (Debian's chromium and chromedriver): sign up on the demo page,
 * open the mail in the dev inbox, follow its link, press the button, unsubscribe from the welcome mail. Screenshots of
 * every page land in {@code infra/target/screenshots}.
 */
class DemoPageBrowserIntegrationTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static ChromeDriver browser;
	static LocalStack stack;
	static Path screenshots;

	@BeforeAll
	static void openBrowser() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!Boolean.getBoolean("formgate.browser.required")) {
			Assumptions.assumeTrue(installed, "Debian's chromium and chromium-driver are not installed");
		}
		assertThat(installed).as("chromium and chromium-driver are installed").isTrue();
		stack = SharedStack.get();
		screenshots = Path.of(System.getProperty("formgate.screenshots", "target/screenshots"));
		Files.createDirectories(screenshots);
		var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1024,800",
					"--user-data-dir=" + Files.createTempDirectory("formgate-chromium"));
		var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort().build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void personSignsUpConfirmsFromTheInboxAndUnsubscribesInGerman() throws IOException {
		String email = "browser-" + UUID.randomUUID() + "@example.org";

		browser.get(stack.gatewayUrl() + "/");
		assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("de");
		everyInputIsLabelled();
		awaitProofOfWork();
		screenshot("01-demo-page-de");
		browser.findElement(By.id("newsletter-email")).sendKeys(email);
		browser.findElement(By.id("newsletter-consent")).click();
		browser.findElement(By.cssSelector("#newsletter button[type=submit]")).click();
		awaitHeading("Fast geschafft");
		screenshot("02-check-your-inbox");

		awaitMails(email, 1);
		openNewestMailInTheInbox();
		screenshot("03-inbox-confirmation-mail");
		browser.findElement(By.partialLinkText("/newsletter/confirm?token=")).click();
		awaitHeading("Anmeldung bestätigen");
		screenshot("04-confirm-page");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		awaitHeading("Vielen Dank!");
		screenshot("05-confirmed");

		awaitMails(email, 2);
		openNewestMailInTheInbox();
		assertThat(browser.getPageSource()).contains("List-Unsubscribe-Post");
		screenshot("06-inbox-welcome-mail");
		browser.findElement(By.partialLinkText("/newsletter/unsubscribe?token=")).click();
		awaitHeading("Vom Newsletter abmelden");
		screenshot("07-unsubscribe-page");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		awaitHeading("Sie sind abgemeldet");
		screenshot("08-unsubscribed");
	}

	@Test
	void englishSwitchLeadsToAnEnglishFormAndEnglishPages() throws IOException {
		browser.get(stack.gatewayUrl() + "/");
		browser.findElement(By.linkText("English")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches("/en$"));
		assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
		everyInputIsLabelled();
		awaitProofOfWork();
		screenshot("11-demo-page-en");

		browser.findElement(By.id("newsletter-email")).sendKeys("not-an-address@");
		browser.findElement(By.id("newsletter-consent")).click();
		// The browser's own check would stop an invalid address; the server's answer is what matters here.
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("document.getElementById('newsletter').noValidate = true");
		browser.findElement(By.cssSelector("#newsletter button[type=submit]")).click();
		awaitHeading("Please check your input");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("E-mail address is invalid");
		screenshot("12-invalid-input-en");
	}

	/**
	 * The widget solves the gateway's challenge as soon as the page loads (in a worker, under the gateway's strict
	 * CSP) and puts the solution into the form's {@code altcha} field.
	 */
	private static void awaitProofOfWork() {
		new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the proof-of-work widget did not verify")
			.until(driver -> driver.findElements(By.cssSelector("#newsletter input[name=altcha]")).stream()
				.anyMatch(input -> !String.valueOf(input.getDomProperty("value")).isBlank()
						&& !"null".equals(String.valueOf(input.getDomProperty("value")))));
	}

	/** Waits for the page a click leads to: its heading, read afresh until it matches (the old page may linger). */
	private static void awaitHeading(String expected) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.withMessage(() -> "heading '" + expected + "' on " + browser.getCurrentUrl())
			.until(driver -> driver.findElement(By.tagName("h1")).getText().equals(expected));
	}

	private void everyInputIsLabelled() {
		List<WebElement> inputs = browser.findElements(By.cssSelector("input:not([type=hidden])"));
		assertThat(inputs).isNotEmpty();
		for (WebElement input : inputs) {
			assertThat(browser.findElements(By.cssSelector("label[for='" + input.getDomAttribute("id") + "']")))
				.as("label for #%s", input.getDomAttribute("id")).hasSize(1);
		}
	}

	private void openNewestMailInTheInbox() {
		browser.get("http://localhost:" + SharedStack.ports().inbox() + "/");
		browser.findElements(By.cssSelector("tbody a")).getFirst().click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/messages/"));
	}

	private static void awaitMails(String address, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> stack.mailsTo(address).size() >= count);
	}

	private static void screenshot(String name) throws IOException {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}
}
