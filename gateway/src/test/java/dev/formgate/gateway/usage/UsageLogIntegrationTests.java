package dev.formgate.gateway.usage;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClients;
import dev.formgate.gateway.support.Client;
import dev.formgate.gateway.support.GatewayTest;
import dev.formgate.gateway.support.GatewayTestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The usage log has the notice's fields with the address anonymised; only the security log has the full address. */
@GatewayTest
class UsageLogIntegrationTests {

	static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

	final Client client;
	final ListAppender<ILoggingEvent> usage = new ListAppender<>();
	final ListAppender<ILoggingEvent> security = new ListAppender<>();

	@Autowired
	DailyStatistics statistics;

	@Autowired
	Environment environment;

	UsageLogIntegrationTests(@LocalServerPort int port) {
		this.client = new Client(port);
	}

	@BeforeEach
	void listen() {
		usage.start();
		security.start();
		((Logger) LoggerFactory.getLogger("formgate.usage")).addAppender(usage);
		((Logger) LoggerFactory.getLogger("formgate.security")).addAppender(security);
	}

	@AfterEach
	void stopListening() {
		((Logger) LoggerFactory.getLogger("formgate.usage")).detachAppender(usage);
		((Logger) LoggerFactory.getLogger("formgate.security")).detachAppender(security);
	}

	String line(ListAppender<ILoggingEvent> appender, String containing) {
		await().until(() -> appender.list.stream().anyMatch(e -> e.getFormattedMessage().contains(containing)));
		return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing))
			.findFirst().orElseThrow();
	}

	@Test
	void logsTheNoticesFieldsWithTheAddressAnonymisedAndWithoutQueryString() {
		client.get("/newsletter/confirm?token=secret-token-value", "X-Forwarded-For", "203.0.113.77",
				"User-Agent", FIREFOX_ON_LINUX, "Referer", "https://www.example.org/newsletter?x=1");

		String logged = line(usage, "path=/newsletter/confirm");
		assertThat(logged).contains("status=200").contains("bytes=21").contains("browser=\"Firefox\"")
			.contains("os=Linux").contains("referrer=www.example.org").contains("ip=203.0.0.0").contains("time=")
			.doesNotContain("203.0.113.77").doesNotContain("secret-token-value").doesNotContain("Gecko");
		assertThat(line(security, "path=/newsletter/confirm")).contains("ip=203.0.113.77")
			.doesNotContain("secret-token-value");
	}

	@Test
	void anonymisesIpv6ToItsSlash48() {
		client.get("/", "X-Forwarded-For", "2001:db8:1234:5678:9abc::1");

		assertThat(line(usage, "ip=2001:db8:1234::")).doesNotContain("5678");
	}

	@Test
	void redactsTokenLikePathSegments() {
		client.get("/newsletter/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/x", "X-Forwarded-For", "203.0.113.78");

		assertThat(line(usage, "/newsletter/{redacted}/x")).doesNotContain("AbCdEfGhIj");
	}

	@Test
	void redactsAddressLikePathSegmentsInTheLogsAndTheStatistics() {
		client.get("/newsletter/alice@example.org", "X-Forwarded-For", "203.0.113.80");

		assertThat(line(usage, "/newsletter/{address}")).doesNotContain("alice").doesNotContain("example.org");
		assertThat(line(security, "/newsletter/{address}")).doesNotContain("alice");
		statistics.flush();
		try (var mongo = MongoClients.create(GatewayTestInfrastructure.mongoUri())) {
			var collection = mongo.getDatabase("formgate-gateway").getCollection(DailyStatistics.COLLECTION);
			assertThat(collection.find().map(Document::toJson)).noneMatch(row -> row.contains("alice"));
		}
	}

	@Test
	void keepsNoPathThatIsNotCanonical() {
		client.get("/newsletter/alice%40example.org", "X-Forwarded-For", "203.0.113.81");

		assertThat(line(usage, "path=(not canonical)")).doesNotContain("alice");
	}

	@Test
	void startsEverySecurityLogLineWithItsTime() throws Exception {
		Path file = Path.of(environment.getProperty("formgate.gateway.security-log.file"));
		long before = Files.exists(file) ? Files.size(file) : 0;

		client.postJson("/api/contact", "{}", "X-Forwarded-For", "203.0.113.82");

		await().until(() -> written(file, before).contains("proof-of-work-refused ip=203.0.113.82"));
		assertThat(written(file, before).lines()).isNotEmpty()
			.allMatch(line -> line.matches("time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .+"));
	}

	/** What the file got after {@code offset}; the log is appended to across test runs. */
	static String written(Path file, long offset) throws java.io.IOException {
		byte[] all = Files.readAllBytes(file);
		return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
				java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void storesDailyStatisticsWithoutAddressesAndPurgesThemAfterTwoYears() {
		client.get("/en", "X-Forwarded-For", "203.0.113.79", "User-Agent", FIREFOX_ON_LINUX);

		try (var mongo = MongoClients.create(GatewayTestInfrastructure.mongoUri())) {
			var collection = mongo.getDatabase("formgate-gateway").getCollection(DailyStatistics.COLLECTION);
			var firefoxOnEn = new Document("path", "/en").append("browser", "Firefox");
			await().until(() -> {
				statistics.flush();
				return collection.find(firefoxOnEn).first() != null;
			});
			Document today = collection.find(firefoxOnEn).first();
			assertThat(today.getString("day")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
			assertThat(today.getLong("requests")).isPositive();
			assertThat(today.toJson()).doesNotContain("203.0");

			String old = LocalDate.now(ZoneOffset.UTC).minusDays(731).toString();
			String kept = LocalDate.now(ZoneOffset.UTC).minusDays(729).toString();
			collection.insertMany(List.of(new Document("day", old).append("path", "/old"),
					new Document("day", kept).append("path", "/kept")));

			statistics.purge();

			assertThat(collection.countDocuments(new Document("day", old))).isZero();
			assertThat(collection.countDocuments(new Document("day", kept))).isEqualTo(1);
		}
	}
}
