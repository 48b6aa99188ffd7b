package dev.formgate.infra;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a person does, in a real headless Chromium (Debian's chromium and chromedriver): sign up on the demo page,
 * open the mail in the dev inbox, follow its link, press the button, unsubscribe from the welcome mail; send the
 * contact form; confirm with JavaScript switched off. Every page visited is checked for labels and for text contrast
 * (WCAG 2.1 AA, 4.5:1), the demo page also for a visible keyboard focus. Screenshots of every page land in
 * {@code infra/e2e/target/screenshots}.
 */
class DemoPageBrowserIntegrationTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/**
	 * For each visible text element: its colour against the first opaque background up the tree, as the WCAG
	 * contrast ratio. Returns the offenders as "tag 'text' ratio".
	 */
	static final String LOW_CONTRAST_TEXT = """
			const luminance = rgb => {
			  const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
			    .map(c => c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
			  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
			};
			const opaque = rgba => { const parts = rgba.match(/[\\d.]+/g); return parts.length < 4 || Number(parts[3]) === 1; };
			const background = element => {
			  for (let e = element; e; e = e.parentElement) {
			    const colour = getComputedStyle(e).backgroundColor;
			    if (colour && opaque(colour) && colour !== 'transparent') return colour;
			  }
			  return 'rgb(255, 255, 255)';
			};
			const offenders = [];
			for (const e of document.querySelectorAll('h1, h2, p, small, label, span, a, button, li, td, th, dt, dd')) {
			  const box = e.getBoundingClientRect();
			  if (!e.textContent.trim() || box.width === 0 || box.height === 0 || box.left < 0) continue;
			  const [fg, bg] = [luminance(getComputedStyle(e).color), luminance(background(e))];
			  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
			  if (ratio < 4.5) offenders.push(e.tagName + " '" + e.textContent.trim().slice(0, 30) + "' " + ratio.toFixed(2));
			}
			return offenders;
			""";

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
		browser = chromium(true);
	}

	static ChromeDriver chromium(boolean javaScript) throws IOException {
		var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1024,800",
					"--user-data-dir=" + Files.createTempDirectory("formgate-chromium"));
		if (!javaScript) {
			options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
		}
		var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort().build();
		var chromium = new ChromeDriver(service, options);
		chromium.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
		return chromium;
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
		everyInputIsLabelled(browser);
		awaitProofOfWork("newsletter");
		screenshot(browser, "01-demo-page-de");
		browser.findElement(By.id("newsletter-email")).sendKeys(email);
		browser.findElement(By.id("newsletter-consent")).click();
		browser.findElement(By.cssSelector("#newsletter button[type=submit]")).click();
		awaitHeading(browser, "Fast geschafft");
		screenshot(browser, "02-check-your-inbox");

		awaitMails(email, 1);
		openNewestMailInTheInbox(browser, email);
		screenshot(browser, "03-inbox-confirmation-mail");
		browser.findElement(By.partialLinkText("/newsletter/confirm?token=")).click();
		awaitHeading(browser, "Anmeldung bestätigen");
		screenshot(browser, "04-confirm-page");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		awaitHeading(browser, "Vielen Dank!");
		screenshot(browser, "05-confirmed");

		awaitMails(email, 2);
		openNewestMailInTheInbox(browser, email);
		assertThat(browser.getPageSource()).contains("List-Unsubscribe-Post");
		screenshot(browser, "06-inbox-welcome-mail");
		browser.findElement(By.partialLinkText("/newsletter/unsubscribe?token=")).click();
		awaitHeading(browser, "Vom Newsletter abmelden");
		screenshot(browser, "07-unsubscribe-page");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		awaitHeading(browser, "Sie sind abgemeldet");
		screenshot(browser, "08-unsubscribed");
	}

	@Test
	void englishSwitchLeadsToAnEnglishFormAndEnglishPages() throws IOException {
		browser.get(stack.gatewayUrl() + "/");
		browser.findElement(By.linkText("English")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches("/en$"));
		assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
		everyInputIsLabelled(browser);
		awaitProofOfWork("newsletter");
		screenshot(browser, "11-demo-page-en");

		browser.findElement(By.id("newsletter-email")).sendKeys("not-an-address@");
		browser.findElement(By.id("newsletter-consent")).click();
		// The browser's own check would stop an invalid address; the server's answer is what matters here.
		((JavascriptExecutor) browser).executeScript("document.getElementById('newsletter').noValidate = true");
		browser.findElement(By.cssSelector("#newsletter button[type=submit]")).click();
		awaitHeading(browser, "Please check your input");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("E-mail address is invalid");
		screenshot(browser, "12-invalid-input-en");
	}

	@Test
	void personSendsTheContactFormAndStaffGetItWithTheSenderAsReplyTo() throws Exception {
		String email = "browser-contact-" + UUID.randomUUID() + "@example.org";
		String subject = "Sperrmüll in der Lindenstraße " + UUID.randomUUID();

		browser.get(stack.gatewayUrl() + "/");
		awaitProofOfWork("contact");
		new Select(browser.findElement(By.id("contact-topic"))).selectByValue("presse");
		browser.findElement(By.id("contact-name")).sendKeys("Erika Mustermann");
		browser.findElement(By.id("contact-email")).sendKeys(email);
		browser.findElement(By.id("contact-subject")).sendKeys(subject);
		browser.findElement(By.id("contact-message")).sendKeys("Wann wird abgeholt?\nMit freundlichen Grüßen");
		browser.findElement(By.id("contact-privacy")).click();
		screenshot(browser, "21-contact-form-filled-de");
		browser.findElement(By.cssSelector("#contact button[type=submit]")).click();
		awaitHeading(browser, "Vielen Dank für Ihre Nachricht");
		screenshot(browser, "22-contact-received-de");

		await().atMost(Duration.ofSeconds(30)).until(() -> staffMail(subject) != null);
		MimeMessage staff = staffMail(subject);
		assertThat(staff.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(email);
		awaitMails(email, 1);
		openNewestMailInTheInbox(browser, email);
		screenshot(browser, "23-inbox-contact-acknowledgement");
		// The acknowledgement goes to an address nobody confirmed: it must not carry what the sender typed.
		assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Sperrmüll")
			.doesNotContain("Mustermann");
	}

	@Test
	void englishContactFormAnswersInEnglish() throws IOException {
		browser.get(stack.gatewayUrl() + "/en");
		awaitProofOfWork("contact");
		everyInputIsLabelled(browser);
		browser.findElement(By.id("contact-email")).sendKeys("browser-contact-en-" + UUID.randomUUID() + "@example.org");
		browser.findElement(By.id("contact-subject")).sendKeys("Opening hours");
		browser.findElement(By.id("contact-message")).sendKeys("When is the town hall open?");
		browser.findElement(By.id("contact-privacy")).click();
		browser.findElement(By.cssSelector("#contact button[type=submit]")).click();
		awaitHeading(browser, "Thank you for your message");
		screenshot(browser, "24-contact-received-en");
	}

	@Test
	void keyboardFocusIsVisibleOnEveryControlOfTheDemoPage() throws IOException {
		browser.get(stack.gatewayUrl() + "/");
		awaitProofOfWork("newsletter");
		List<String> visited = new ArrayList<>();
		var keyboard = new Actions(browser);
		for (int i = 0; i < 30; i++) {
			keyboard.sendKeys(Keys.TAB).perform();
			WebElement focused = browser.switchTo().activeElement();
			if (focused.getTagName().equals("body")) {
				break; // past the last control: focus left the page
			}
			String id = focused.getTagName() + "#" + focused.getDomAttribute("id") + "." + focused.getDomAttribute("type");
			String outline = focused.getCssValue("outline-style") + " " + focused.getCssValue("outline-width");
			assertThat(outline).as("focus outline of %s", id).doesNotStartWith("none").doesNotEndWith(" 0px");
			assertThat(focused.getDomAttribute("name")).as("the honeypot is never focused").isNotEqualTo("website");
			visited.add(id);
		}
		screenshot(browser, "25-keyboard-focus");
		assertThat(visited).anyMatch(id -> id.startsWith("input#newsletter-email"))
			.anyMatch(id -> id.startsWith("textarea#contact-message"))
			.anyMatch(id -> id.startsWith("button"));
	}

	/**
	 * Everything but the proof of work works without JavaScript: the demo page says so, and a person who signed up
	 * elsewhere confirms and unsubscribes with plain links and form posts.
	 */
	@Test
	void confirmAndUnsubscribePagesWorkWithoutJavaScript() throws Exception {
		String email = "browser-nojs-" + UUID.randomUUID() + "@example.org";
		var signUp = HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create(stack.gatewayUrl() + "/api/newsletter/subscriptions"))
			.header("Content-Type", "application/json").header("Altcha", ProofOfWork.solved(stack, "newsletter"))
			.header("X-Forwarded-For", "198.51.100.77")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"consent\":true}")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signUp.statusCode()).isEqualTo(202);

		ChromeDriver noScript = chromium(false);
		try {
			noScript.get(stack.gatewayUrl() + "/");
			assertThat(noScript.findElement(By.tagName("noscript")).getText()).contains("JavaScript");
			everyInputIsLabelled(noScript);
			screenshot(noScript, "31-demo-page-without-javascript");

			awaitMails(email, 1);
			openNewestMailInTheInbox(noScript, email);
			noScript.findElement(By.partialLinkText("/newsletter/confirm?token=")).click();
			awaitHeading(noScript, "Anmeldung bestätigen");
			noScript.findElement(By.cssSelector("button[type=submit]")).click();
			awaitHeading(noScript, "Vielen Dank!");
			screenshot(noScript, "32-confirmed-without-javascript");

			awaitMails(email, 2);
			openNewestMailInTheInbox(noScript, email);
			noScript.findElement(By.partialLinkText("/newsletter/unsubscribe?token=")).click();
			awaitHeading(noScript, "Vom Newsletter abmelden");
			noScript.findElement(By.cssSelector("button[type=submit]")).click();
			awaitHeading(noScript, "Sie sind abgemeldet");
			screenshot(noScript, "33-unsubscribed-without-javascript");
		}
		finally {
			noScript.quit();
		}
	}

	/** The widget solves the gateway's challenge as soon as the page loads and fills the form's {@code altcha} field. */
	private static void awaitProofOfWork(String form) {
		new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the proof-of-work widget did not verify")
			.until(driver -> driver.findElements(By.cssSelector("#" + form + " input[name=altcha]")).stream()
				.anyMatch(input -> !String.valueOf(input.getDomProperty("value")).isBlank()
						&& !"null".equals(String.valueOf(input.getDomProperty("value")))));
	}

	/** Waits for the page a click leads to: its heading, read afresh until it matches (the old page may linger). */
	private static void awaitHeading(WebDriver driver, String expected) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.withMessage(() -> "heading '" + expected + "' on " + driver.getCurrentUrl())
			.until(d -> d.findElement(By.tagName("h1")).getText().equals(expected));
	}

	private static void everyInputIsLabelled(WebDriver driver) {
		List<WebElement> inputs = driver.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"));
		assertThat(inputs).isNotEmpty();
		for (WebElement input : inputs) {
			assertThat(driver.findElements(By.cssSelector("label[for='" + input.getDomAttribute("id") + "']")))
				.as("label for #%s", input.getDomAttribute("id")).hasSize(1);
		}
	}

	/** Opens the newest mail to {@code address} in the dev inbox page (newest first). */
	private static void openNewestMailInTheInbox(WebDriver driver, String address) {
		driver.get("http://localhost:" + SharedStack.ports().inbox() + "/");
		driver.findElements(By.xpath("//tbody/tr[td[contains(., '" + address + "')]]//a")).getFirst().click();
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/messages/"));
	}

	private static void awaitMails(String address, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> stack.mailsTo(address).size() >= count);
	}

	private static MimeMessage staffMail(String subject) throws Exception {
		for (MimeMessage mail : stack.mailsTo("presse@formgate.localhost")) {
			if (String.valueOf(mail.getContent()).contains(subject)) {
				return mail;
			}
		}
		return null;
	}

	/** Saves the page and checks its text contrast, on every page a test visits. */
	@SuppressWarnings("unchecked")
	private static void screenshot(ChromeDriver driver, String name) throws IOException {
		File shot = driver.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		if (!driver.getCurrentUrl().contains(":" + SharedStack.ports().inbox() + "/")) {
			var offenders = (List<String>) driver.executeScript(LOW_CONTRAST_TEXT);
			assertThat(offenders).as("text below 4.5:1 contrast on %s", name).isEmpty();
		}
	}
}
