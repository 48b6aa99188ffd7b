package dev.formgate.gateway.abuse;

import com.mongodb.MongoException;
import org.altcha.altcha.Altcha;
import org.altcha.altcha.Altcha.Challenge;
import org.altcha.altcha.Altcha.ChallengeOptions;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * ALTCHA challenges and their verification. A challenge is signed with the HMAC key and expires; a solution is
 * accepted once: its challenge is recorded under a unique key in this gateway's database (shared by all gateway
 * instances) until the challenge would have expired anyway.
 */
@Component
class ProofOfWork {

	static final String COLLECTION = "used_challenges";
	/** The challenge parameter that names the form a challenge is good for. */
	static final String FORM = "form";

	private final AbuseProperties.ProofOfWork settings;
	private final ReactiveMongoTemplate store;
	private final Clock clock;
	private final ObjectMapper json;

	ProofOfWork(AbuseProperties properties, ReactiveMongoTemplate store, Clock clock, ObjectMapper json) {
		this.settings = properties.proofOfWork();
		this.store = store;
		this.clock = clock;
		this.json = json;
		// forgetExpired() asks for expiresAt: an index, so that it reads only the expired ones on any store
		store.indexOps(COLLECTION).createIndex(new Index("expiresAt", Sort.Direction.ASC))
			.onErrorComplete()
			.subscribe();
	}

	/**
	 * The form whose solution a write to this (canonical) path needs, or null when it needs none. Compared regardless
	 * of case: a check that makes a request harder matches broadly, so no spelling of a guarded path skips it.
	 */
	String formOf(String path) {
		if (!settings.required()) {
			return null;
		}
		return settings.forms().entrySet().stream().filter(form -> form.getValue().equalsIgnoreCase(path))
			.map(Map.Entry::getKey).findFirst().orElse(null);
	}

	boolean knowsForm(String form) {
		return form != null && settings.forms().containsKey(form);
	}

	/** A fresh challenge for one form, as the widget expects it; the form is signed into it. */
	Challenge challenge(String form) {
		try {
			ChallengeOptions options = new ChallengeOptions();
			options.algorithm = Altcha.Algorithm.SHA256;
			options.hmacKey = settings.hmacKey();
			options.maxNumber = settings.maxNumber();
			options.expires = clock.instant().plus(settings.expires()).getEpochSecond();
			options.secureRandomNumber = true;
			options.params = new HashMap<>(Map.of(FORM, form)); // the library adds the expiry to it
			return Altcha.createChallenge(options);
		}
		catch (Exception e) {
			throw new IllegalStateException("cannot create challenge", e);
		}
	}

	/**
	 * True once per valid, unexpired solution of a challenge issued for this form; another form's solution, a replay,
	 * a forgery or garbage is false. Fails (and the gateway answers 503) if the store that remembers used solutions
	 * cannot be reached: neither accepting a possible replay nor blaming the client would be right then.
	 */
	Mono<Boolean> accept(String payload, String form) {
		if (payload == null || payload.isBlank() || payload.length() > 2048) {
			return Mono.just(false);
		}
		return Mono.fromCallable(() -> verified(payload) && form.equals(formIn(payload)))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(valid -> valid ? firstUse(payload) : Mono.just(false))
			.onErrorResume(e -> !isStoreFailure(e), e -> Mono.just(false));
	}

	private static boolean isStoreFailure(Throwable e) {
		return e instanceof DataAccessException || e instanceof MongoException;
	}

	private boolean verified(String payload) {
		try {
			return Altcha.verifySolution(payload, settings.hmacKey(), true);
		}
		catch (Exception e) {
			return false;
		}
	}

	/** The form the challenge was issued for: signed, since the salt is part of what the signature covers. */
	private String formIn(String payload) {
		String salt = json.readTree(new String(Base64.getDecoder().decode(payload.strip()), StandardCharsets.UTF_8))
			.get("salt").asString();
		try {
			return Altcha.extractParams(salt).get(FORM);
		}
		catch (Exception e) {
			return null;
		}
	}

	private Mono<Boolean> firstUse(String payload) {
		UsedChallenge used = new UsedChallenge(fingerprint(payload), clock.instant().plus(settings.expires()));
		return store.insert(used, COLLECTION).thenReturn(true).onErrorResume(DuplicateKeyException.class,
				e -> Mono.just(false));
	}

	/** The challenge's signature identifies it (and so the solution); the payload is base64 JSON carrying it. */
	private String fingerprint(String payload) {
		byte[] decoded = Base64.getDecoder().decode(payload.strip());
		return json.readTree(new String(decoded, StandardCharsets.UTF_8)).get("signature").asString();
	}

	/** Forgets used challenges once they would be refused as expired anyway. */
	@Scheduled(fixedDelayString = "${formgate.gateway.abuse.proof-of-work.expires:10m}")
	void forgetExpired() {
		Instant now = clock.instant();
		store.remove(Query.query(Criteria.where("expiresAt").lt(now)), COLLECTION).block();
	}

	record UsedChallenge(String id, Instant expiresAt) {
	}
}
