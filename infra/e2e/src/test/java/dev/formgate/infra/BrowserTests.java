package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpClient;

/**
 * What a browser test of the shared stack sets up: the stack (skipped without Chromium and axe-core), a MongoDB client
 * to look into the stores, and a fresh headless Chromium per test, closed after it; with the steps every page takes
 * (sign in, wait for a heading or a text, check with axe-core) on that browser.
 */
abstract class BrowserTests {

	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final JsonMapper JSON = JsonMapper.builder().build();

	static LocalStack stack;
	static MongoClient mongo;

	ChromeDriver browser;

	@BeforeAll
	static void startStack() throws IOException {
		Browsers.assumeInstalled(true);
		stack = SharedStack.get();
		mongo = MongoClients.create(stack.mongoUri(""));
	}

	@AfterAll
	static void disconnect() {
		if (mongo != null) {
			mongo.close();
			mongo = null;
		}
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
	}

	/** A fresh Chromium with JavaScript, without any session; the one before it is closed. */
	ChromeDriver openBrowser() throws IOException {
		closeBrowser();
		browser = DemoPageBrowserIntegrationTests.chromium(true);
		return browser;
	}

	/** A fresh browser, signed in to the console as {@code user} at the local identity provider. */
	void signIn(String user) throws IOException {
		openBrowser();
		Browsers.signIn(browser, stack, user);
	}

	void login(String user) {
		Browsers.login(browser, stack, user);
	}

	void awaitHeading(String expected) {
		Browsers.awaitHeading(browser, expected);
	}

	void awaitText(String css, String expected) {
		Browsers.awaitText(browser, css, expected);
	}

	void accessible(String name) throws IOException {
		Browsers.accessible(browser, name);
	}
}
