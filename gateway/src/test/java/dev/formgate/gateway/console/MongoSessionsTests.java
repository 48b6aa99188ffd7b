package dev.formgate.gateway.console;

import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.web.server.WebSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Console sessions in MongoDB (mongo-java-server over TCP): what survives, what ends, what the store holds. */
class MongoSessionsTests {

	static final MongoServer MONGO = new MongoServer(new MemoryBackend());
	static final ReactiveMongoTemplate TEMPLATE = new ReactiveMongoTemplate(
			MongoClients.create(MONGO.bindAndGetConnectionString()), "sessions-test");

	final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
	final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now.get();
		}
	};
	final MongoSessions sessions = new MongoSessions(TEMPLATE, clock, Duration.ofMinutes(30), Duration.ofHours(8));

	@AfterAll
	static void stop() {
		MONGO.shutdownNow();
	}

	private WebSession saved() {
		WebSession session = sessions.createWebSession().block();
		session.getAttributes().put("request", OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("http://127.0.0.1:9000/oauth2/authorize").clientId("console")
			.redirectUri("http://localhost:8080/login/oauth2/code/formgate").state("s")
			.attributes(a -> a.put("code_verifier", "v")).build());
		session.getAttributes().put("csrf", new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token"));
		session.save().block();
		return session;
	}

	@Test
	void keepsTheSignInStateAndTheCsrfTokenAcrossRequests() {
		WebSession session = saved();
		WebSession again = sessions.retrieveSession(session.getId()).block();
		assertThat(again).isNotNull();
		assertThat(again.getAttributes()).containsKeys("request", "csrf");
		assertThat(((OAuth2AuthorizationRequest) again.getAttribute("request")).getAttribute("code_verifier").toString())
			.isEqualTo("v");
	}

	@Test
	void storesOnlyAHashOfTheSessionId() {
		WebSession session = saved();
		assertThat(TEMPLATE.findById(session.getId(), Document.class, MongoSessions.COLLECTION).block()).isNull();
		assertThat(TEMPLATE.findById(MongoSessions.hash(session.getId()), Document.class, MongoSessions.COLLECTION)
			.block()).isNotNull();
	}

	@Test
	void endsAfterTheIdleTimeoutUnlessUsed() {
		WebSession session = saved();
		now.set(now.get().plus(Duration.ofMinutes(29)));
		WebSession used = sessions.retrieveSession(session.getId()).block();
		sessions.updateLastAccessTime(used).block();
		used.save().block();
		now.set(now.get().plus(Duration.ofMinutes(29)));
		assertThat(sessions.retrieveSession(session.getId()).block()).isNotNull();
		now.set(now.get().plus(Duration.ofMinutes(31)));
		assertThat(sessions.retrieveSession(session.getId()).block()).isNull();
	}

	@Test
	void endsAfterTheAbsoluteTimeoutHoweverUsed() {
		WebSession session = saved();
		for (int i = 0; i < 20; i++) {
			now.set(now.get().plus(Duration.ofMinutes(25)));
			WebSession used = sessions.retrieveSession(session.getId()).block();
			if (used == null) {
				assertThat(Duration.between(session.getCreationTime(), now.get())).isGreaterThanOrEqualTo(Duration.ofHours(8));
				return;
			}
			sessions.updateLastAccessTime(used).block();
			used.save().block();
		}
		throw new AssertionError("the session outlived its absolute timeout");
	}

	@Test
	void anInvalidatedSessionIsGoneForGood() {
		WebSession session = saved();
		session.invalidate().block();
		session.save().block();
		assertThat(sessions.retrieveSession(session.getId()).block()).isNull();
	}

	@Test
	void aNewIdAfterSignInLeavesTheOldIdWorthless() {
		WebSession session = saved();
		String old = session.getId();
		session.changeSessionId().block();
		session.save().block();
		assertThat(session.getId()).isNotEqualTo(old);
		assertThat(sessions.retrieveSession(old).block()).isNull();
		assertThat(sessions.retrieveSession(session.getId()).block()).isNotNull();
	}

	@Test
	void purgeDeletesEndedSessions() {
		WebSession session = saved();
		now.set(now.get().plus(Duration.ofHours(9)));
		assertThat(sessions.purge().block()).isGreaterThanOrEqualTo(1);
		assertThat(TEMPLATE.findById(MongoSessions.hash(session.getId()), Document.class, MongoSessions.COLLECTION)
			.block()).isNull();
	}
}
