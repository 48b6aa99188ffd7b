package dev.formgate.web;

import dev.formgate.web.InvalidInputException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared web plumbing on a real Tomcat: every malformed request gets its catalogued problem (a page for
 * browsers), none echoes what was sent or names the framework, and nothing that was sent reaches the log. Every
 * secret below carries the marker {@code SECRET}, which the log must never show.
 */
@SpringBootTest(classes = ProblemsIntegrationTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			// as every service sets it: Tomcat logs the first unparsable request line it meets, quoting it
			"logging.level.org.apache.coyote.http11=warn", "formgate.web.max-request-body=4KB",
			"formgate.web.max-admin-request-body=8KB" })
@ExtendWith(OutputCaptureExtension.class)
class ProblemsIntegrationTests {

	static final String MARKER = "SECRET";

	@Configuration
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
			JacksonAutoConfiguration.class, ValidationAutoConfiguration.class, HttpEncodingAutoConfiguration.class,
			FormgateWebAutoConfiguration.class })
	@Import(Endpoints.class)
	static class App {
	}

	enum State {
		RECEIVED, IN_PROGRESS
	}

	record Query(State state, @DurationMax(days = 36500) Duration olderThan, Boolean overdue,
			@Min(0) @Max(1000) Integer page, @Min(1) @Max(100) Integer size) {

		Query {
			overdue = overdue != null && overdue;
			page = page == null ? 0 : page;
			size = size == null ? 20 : size;
		}
	}

	record Form(String email, String name) {
	}

	record Body(@NotNull State state, @Size(max = 10) String text) {
	}

	@RestController
	static class Endpoints {

		@GetMapping("/items")
		String items(@Valid Query query) {
			return "items " + query;
		}

		@GetMapping("/typed")
		String typed(@RequestParam int page) {
			return "page " + page;
		}

		@PostMapping(path = "/form", consumes = "application/x-www-form-urlencoded")
		String form(@ModelAttribute Form form) {
			if (form.email() == null) {
				throw new InvalidInputException(FieldProblem.required("email"));
			}
			return "form " + form.email();
		}

		@PostMapping(path = "/body", consumes = "application/json")
		String body(@Valid @RequestBody Body body) {
			return "body " + body.state();
		}

		@PostMapping(path = "/api/admin/form", consumes = "application/x-www-form-urlencoded")
		String adminForm(@ModelAttribute Form form) {
			return "admin form " + form.email().length();
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("a message quoting input: " + MARKER);
		}

		@GetMapping("/refuse")
		String refuse() {
			throw new ProblemException(ProblemType.ILLEGAL_STATE_CHANGE, "A RECEIVED request cannot move to CLOSED.",
					Map.of("state", "RECEIVED"));
		}
	}

	@LocalServerPort
	int port;

	@AfterEach
	void nothingSentReachedTheLog(CapturedOutput output) {
		assertThat(output.getAll()).doesNotContain(MARKER).doesNotContain("rgen");
	}

	@Test
	void refusesAFormThatIsNotUtf8WithAProblemAndLogsNothingOfIt() throws Exception {
		Answer answer = post("/form", "email=x%40example.org&token=" + MARKER + "%FF", "application/json");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(answer.body()).contains("\"type\":\"https://formgate.dev/problems/invalid-input\"")
			.doesNotContain(MARKER).doesNotContain("token");
	}

	@Test
	void showsBrowsersAPageForAnIso88591Form() throws Exception {
		Answer answer = post("/form", "email=x%40example.org&name=J%FCrgen", "text/html");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("text/html");
		assertThat(answer.body()).contains("<html lang=\"de\"").contains("Bitte prüfen Sie Ihre Angaben")
			.doesNotContain("rgen");
	}

	@Test
	void refusesAQueryThatIsNotUtf8() throws Exception {
		Answer answer = get("/items?page=" + MARKER + "%FF", "application/json");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("invalid-input").doesNotContain(MARKER);
	}

	@Test
	void ignoresBracketedAndUnknownFields() throws Exception {
		Answer operatorOnly = post("/form", "email%5B%24ne%5D=" + MARKER, "application/json");
		Answer extraFields = post("/form", "x%5B0%5D=1&submit=Senden&email=a%40example.org", "application/json");

		assertThat(operatorOnly.status()).isEqualTo(400);
		assertThat(operatorOnly.body()).contains("{\"field\":\"email\",\"code\":\"required\"").doesNotContain(MARKER)
			.doesNotContain("$ne");
		assertThat(extraFields.status()).isEqualTo(200);
		assertThat(extraFields.body()).isEqualTo("form a@example.org");
	}

	@Test
	void refusesAPlainFieldSentTwiceNamingIt() throws Exception {
		Answer twiceInBody = post("/form", "email=a%40example.org&email=" + MARKER + "%40example.org", "application/json");
		Answer queryAndBody = post("/form?email=a%40example.org", "email=" + MARKER + "%40example.org",
				"application/json");
		Answer typedTwice = get("/typed?page=1&page=2", "application/json");
		Answer unboundTwice = post("/form", "interests%5B%5D=a&interests%5B%5D=b&tag=x&tag=y&email=a%40example.org",
				"application/json");

		for (Answer answer : new Answer[] { twiceInBody, queryAndBody }) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.body()).contains("{\"field\":\"email\",\"code\":\"duplicate\"").doesNotContain(MARKER);
		}
		assertThat(typedTwice.status()).isEqualTo(400);
		assertThat(typedTwice.body()).contains("{\"field\":\"page\",\"code\":\"duplicate\"");
		assertThat(unboundTwice.status()).as("fields the form does not bind may repeat").isEqualTo(200);
	}

	@Test
	void bindsTypedQueryParametersLeniently() throws Exception {
		Answer answer = get("/items?state=in-progress&olderThan=30d&overdue=true&size=5", "application/json");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("items Query[state=IN_PROGRESS, olderThan=PT720H, overdue=true, page=0, size=5]");
		assertThat(get("/items?olderThan=P7D", "application/json").body()).contains("olderThan=PT168H");
	}

	@Test
	void namesEveryWrongQueryFieldWithoutEchoingIt() throws Exception {
		Answer answer = get("/items?state=LOST" + MARKER + "&olderThan=P1000000000000D&overdue=maybe" + MARKER
				+ "&page=-1&size=abc" + MARKER, "application/json");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("{\"field\":\"state\",\"code\":\"invalid\",\"detail\":\"One of RECEIVED, IN_PROGRESS.\"}")
			.contains("{\"field\":\"olderThan\",\"code\":\"invalid\",\"detail\":\"At most 36500 days.\"}")
			.contains("{\"field\":\"overdue\",\"code\":\"invalid\",\"detail\":\"true or false.\"}")
			.contains("{\"field\":\"page\",\"code\":\"invalid\",\"detail\":\"At least 0.\"}")
			.contains("{\"field\":\"size\",\"code\":\"invalid\",\"detail\":\"A whole number.\"}")
			.doesNotContain(MARKER).doesNotContain("LOST").doesNotContain("1000000000000").doesNotContain("convert");
	}

	@Test
	void namesARequestParameterThatDidNotConvert() throws Exception {
		Answer wrong = get("/typed?page=abc" + MARKER, "application/json");
		Answer missing = get("/typed", "application/json");

		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).contains("{\"field\":\"page\",\"code\":\"invalid\",\"detail\":\"A whole number.\"}")
			.doesNotContain(MARKER).doesNotContain("convert");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).contains("{\"field\":\"page\",\"code\":\"required\"");
	}

	@Test
	void namesWrongBodyFields() throws Exception {
		Answer unknownState = send("POST", "/body", "application/json", "{\"state\":\"LOST" + MARKER + "\"}",
				"application/json");
		Answer tooLong = send("POST", "/body", "application/json", "{\"state\":\"RECEIVED\",\"text\":\"" + MARKER
				+ "-longer-than-ten\"}", "application/json");

		assertThat(unknownState.status()).isEqualTo(400);
		assertThat(unknownState.body()).contains("{\"field\":\"state\",\"code\":\"invalid\"").doesNotContain(MARKER);
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).contains("{\"field\":\"text\",\"code\":\"too-long\",\"detail\":\"At most 10 characters.\"}")
			.doesNotContain(MARKER);
	}

	/** Read leniently, a key sent twice would be its last value: what one check reads need not be what is used. */
	@Test
	void refusesAJsonBodyThatNamesAKeyTwice() throws Exception {
		Answer twice = send("POST", "/body", "application/json",
				"{\"state\":\"RECEIVED\",\"text\":\"a\",\"text\":\"" + MARKER + "\"}", "application/json");
		Answer nestedTwice = send("POST", "/body", "application/json",
				"{\"state\":\"RECEIVED\",\"extra\":{\"x\":1,\"x\":\"" + MARKER + "\"}}", "application/json");
		Answer once = send("POST", "/body", "application/json", "{\"state\":\"RECEIVED\",\"text\":\"a\"}",
				"application/json");

		for (Answer answer : new Answer[] { twice, nestedTwice }) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.body()).startsWith("{\"type\":").doesNotContain(MARKER).doesNotContain("Duplicate");
		}
		assertThat(once.status()).isEqualTo(200);
	}

	@Test
	void answersFrameworkRefusalsWithCatalogueTextsOnly() throws Exception {
		Answer notFound = get("/api/newsletter/" + MARKER + "@example.org", "application/json");
		Answer wrongType = send("POST", "/form", "text/plain", MARKER, "application/json");
		Answer wrongMethod = send("DELETE", "/items", null, null, "application/json");

		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.body()).isEqualTo(Problem.of(ProblemType.NOT_FOUND).toJson());
		assertThat(wrongType.status()).isEqualTo(415);
		assertThat(wrongType.body()).isEqualTo(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE).toJson());
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.header("Allow")).isEqualTo("GET");
		assertThat(wrongMethod.body()).isEqualTo(Problem.of(ProblemType.METHOD_NOT_ALLOWED).toJson());
	}

	@Test
	void logsNoWarningForAWrongMethod(CapturedOutput output) throws Exception {
		Answer wrongMethod = send("GET", "/form", null, null, "application/json");
		Answer wrongMethodAgain = send("PUT", "/body", "application/json", "{}", "application/json");

		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethodAgain.status()).isEqualTo(405);
		assertThat(output.getAll()).doesNotContain("not supported").doesNotContain(" WARN ");
	}

	@Test
	void answersWhatTomcatRefusesItselfWithAProblem() throws Exception {
		for (String target : new String[] { "/a%00" + MARKER, "/a/../../" + MARKER, "/a%2F" + MARKER }) {
			Answer json = raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
			Answer page = raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

			assertThat(json.status()).as(target).isEqualTo(400);
			assertThat(json.body()).as(target).isEqualTo(Problem.forStatus(400).toJson());
			assertThat(page.body()).as(target).contains("<html lang=\"de\"").doesNotContain("Tomcat")
				.doesNotContain(MARKER);
		}
		// A request line Tomcat cannot parse has no headers it read: whoever sent it gets problem details.
		Answer requestLine = raw("GET /" + MARKER + "|x HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n");
		assertThat(requestLine.status()).isEqualTo(400);
		assertThat(requestLine.body()).isEqualTo(Problem.forStatus(400).toJson());
		Answer headers = raw("GET /items HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nX-Big: " + MARKER
				+ "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
		assertThat(headers.status()).isBetween(400, 431);
		assertThat(headers.body()).startsWith("{\"type\":\"https://formgate.dev/problems/").doesNotContain(MARKER);
	}

	@Test
	void answersTheErrorPathItselfWithNotFound() throws Exception {
		Answer answer = get("/error", "application/json");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.body()).isEqualTo(Problem.of(ProblemType.NOT_FOUND).toJson());
	}

	@Test
	void answersAnUnexpectedFailureWith500AndLogsItsClassNotItsMessage(CapturedOutput output) throws Exception {
		Answer answer = get("/fail", "application/json");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.body()).isEqualTo(Problem.of(ProblemType.INTERNAL).toJson());
		assertThat(output.getAll()).contains("java.lang.IllegalStateException").contains("ProblemsIntegrationTests");
	}

	@Test
	void rendersARefusalOfACataloguedTypeWithItsProperties() throws Exception {
		Answer answer = get("/refuse", "application/json");

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.body()).isEqualTo("{\"type\":\"https://formgate.dev/problems/illegal-state-change\","
				+ "\"title\":\"Illegal state change\",\"status\":409,"
				+ "\"detail\":\"A RECEIVED request cannot move to CLOSED.\",\"state\":\"RECEIVED\"}");
	}

	@Test
	void refusesAnOversizedBodyBeforeReadingIt() throws Exception {
		Answer answer = post("/form", "email=" + "a".repeat(5000), "text/html");

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("Das Formular hat mehr Daten gesendet als erlaubt");
	}

	@Test
	void givesAdminCallsTheirOwnLargerLimit() throws Exception {
		assertThat(post("/api/admin/form", "email=" + "a".repeat(6000), "application/json").body())
			.contains("admin form 6000");

		Answer tooLarge = post("/api/admin/form", "email=" + "a".repeat(9000), "application/json");
		assertThat(tooLarge.status()).isEqualTo(413);
		Answer disguised = post("/api/admin/../form", "email=" + "a".repeat(6000), "application/json");
		assertThat(disguised.status()).as("a public path spelled as an admin one").isEqualTo(400);
	}

	record Answer(int status, String head, String body) {

		String header(String name) {
			for (String line : head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
					return line.substring(colon + 1).strip();
				}
			}
			return null;
		}
	}

	Answer get(String target, String accept) throws IOException {
		return send("GET", target, null, null, accept);
	}

	Answer post(String target, String form, String accept) throws IOException {
		return send("POST", target, "application/x-www-form-urlencoded", form, accept);
	}

	Answer send(String method, String target, String contentType, String body, String accept) throws IOException {
		byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.ISO_8859_1);
		return raw(method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept: " + accept + "\r\n"
				+ (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "Content-Length: "
				+ bytes.length + "\r\n\r\n" + (body == null ? "" : body));
	}

	/** Sends the request as written, byte for byte: no client library normalises it first. */
	Answer raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			var out = new ByteArrayOutputStream();
			try {
				socket.getInputStream().transferTo(out);
			}
			catch (IOException closedEarly) {
				// the server may close after answering a refused request
			}
			String text = out.toString(StandardCharsets.UTF_8);
			int split = text.indexOf("\r\n\r\n");
			String head = split < 0 ? text : text.substring(0, split);
			String body = split < 0 ? "" : text.substring(split + 4);
			if (head.toLowerCase().contains("transfer-encoding: chunked")) {
				body = unchunk(body);
			}
			return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
		}
	}

	private static String unchunk(String chunked) {
		var body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
			if (size == 0) {
				break;
			}
			byte[] bytes = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
			String chunk = new String(bytes, 0, size, StandardCharsets.UTF_8);
			body.append(chunk);
			at = lineEnd + 2 + chunk.length() + 2;
		}
		return body.toString();
	}
}
