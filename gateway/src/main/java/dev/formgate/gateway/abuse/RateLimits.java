package dev.formgate.gateway.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.MongoException;
import dev.formgate.gateway.client.IpPrefixes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Rate limits in the gateway's MongoDB database, so that every gateway instance counts against the same limit.
 * Each bucket is one document holding its theoretical arrival time ({@code tat}, epoch milliseconds) in the manner of
 * the generic cell rate algorithm: a bucket of {@code n} requests per {@code period} admits a request while
 * {@code tat} is at most {@code period - period/n} ahead of now, and each admitted request moves {@code tat} on by
 * {@code period/n}; a bucket whose {@code tat} has passed is full. Every change is one conditional
 * {@code findAndModify}, atomic on the server, so instances never lose each other's counts.
 * <p>
 * Cost per admitted request: one store command per bucket in the usual case, asked in the way this instance last saw
 * the bucket (in use or idle); a second when that guess was wrong. A refused request costs at most three once; then
 * this instance remembers until when the bucket is empty and refuses without asking the store (no other instance can
 * refill it sooner, they can only take from it).
 */
@Component
class RateLimits {

	static final String COLLECTION = "rate_limits";
	private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

	/**
	 * A bucket family: public writes count per address and per network, token posts (docs/security.md, rate limits)
	 * per network only, in buckets of their own; requests of the "Meine Daten" page as public writes do, in buckets of
	 * their own, so that exercising a right never waits for sign-ups (docs/architecture.md, rule 10).
	 */
	enum Family {
		PUBLIC_WRITES("public"), TOKEN_POSTS("token"), RIGHTS("rights");

		private final String prefix;

		Family(String prefix) {
			this.prefix = prefix;
		}
	}

	private final AbuseProperties properties;
	private final ReactiveMongoTemplate store;
	private final Clock clock;
	/** Buckets known to be empty, with the time they admit a request again (epoch milliseconds). */
	private final Cache<String, Long> emptyUntil = Caffeine.newBuilder().maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1)).build();

	/** The time each bucket had when this instance last took from it: which question to ask the store first. */
	private final Cache<String, Long> lastSeen = Caffeine.newBuilder().maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1)).build();

	private static final Base64.Encoder ID = Base64.getUrlEncoder().withoutPadding();

	/** Keys bucket ids; a {@link Mac} is not thread-safe, so each use takes a copy of this one. */
	private final Mac idKeyPrototype;

	RateLimits(AbuseProperties properties, ReactiveMongoTemplate store, Clock clock) {
		this.properties = properties;
		this.idKeyPrototype = idKey(properties.proofOfWork().hmacKey());
		this.store = store;
		this.clock = clock;
		store.indexOps(COLLECTION).createIndex(new Index("tat", Sort.Direction.ASC))
			.onErrorComplete()
			.subscribe();
	}

	/**
	 * Takes one request from the client's buckets of this family: empty when admitted, else how long to wait. The
	 * address's bucket first, so a refused address takes nothing from its network.
	 */
	Mono<Optional<Duration>> tryAcquire(String address, Family family) {
		String network = IpPrefixes.mask(address, properties.ipv4NetworkBits(), properties.ipv6NetworkBits());
		// One spelling per address (2001:db8::1 and 2001:0db8:0::1 are one client), as for the network.
		String client = IpPrefixes.mask(address, 32, 128);
		if (family == Family.TOKEN_POSTS) {
			// Withdrawal must not fail because the gateway's own store does: the bucket only caps load, so without
			// the store a token post passes uncounted (a sign-up, like its proof of work, gets 503 then).
			return take(bucketId(family, "network", network), properties.tokenPosts().asLimit(), true)
				.onErrorResume(RateLimits::isStoreFailure, down -> Mono.just(Optional.empty()));
		}
		return take(bucketId(family, "address", client), properties.perAddress(), false)
			.flatMap(wait -> wait.isPresent() ? Mono.just(wait)
					: take(bucketId(family, "network", network), properties.perNetwork(), true));
	}

	private Mac idKey() {
		try {
			return (Mac) idKeyPrototype.clone();
		}
		catch (CloneNotSupportedException e) {
			throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
		}
	}

	/**
	 * A bucket's id: the family, the kind and a keyed hash of the address or network, so the store holds no client
	 * address (the security log is the one place for those). Every instance derives the same id from the shared
	 * proof-of-work key; with proof of work switched off (tests, benchmarks) the hash is unkeyed.
	 */
	String bucketId(Family family, String kind, String value) {
		byte[] digest = idKey().doFinal((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
		return family.prefix + ":" + kind + ":" + ID.encodeToString(Arrays.copyOf(digest, 18));
	}

	/** One request from one bucket; {@code busy}: whether the bucket is more likely in use than new or idle. */
	private Mono<Optional<Duration>> take(String key, AbuseProperties.Limit limit, boolean busy) {
		long now = clock.millis();
		Long empty = emptyUntil.getIfPresent(key);
		if (empty != null && empty > now) {
			return Mono.just(Optional.of(Duration.ofMillis(empty - now)));
		}
		long period = limit.period().toMillis();
		long interval = Math.max(1, period / limit.requests());
		long latest = now + period - interval;
		// Ask first in the way that most likely fits: what this instance last saw of the bucket, else the guess.
		Long seen = lastSeen.getIfPresent(key);
		boolean inUse = seen != null ? seen >= now : busy;
		// Busy first: if the bucket turns out idle, another instance or request may start it between the two questions
		// (the start then fails as a duplicate), so the busy question comes once more before a refusal.
		Mono<Boolean> admitted = inUse
				? takeFromBusy(key, now, latest, interval).flatMap(ok -> ok ? Mono.just(true)
						: takeFromIdle(key, now, interval).flatMap(started -> started ? Mono.just(true)
								: takeFromBusy(key, now, latest, interval)))
				: takeFromIdle(key, now, interval).flatMap(ok -> ok ? Mono.just(true) : takeFromBusy(key, now, latest, interval));
		return admitted.flatMap(ok -> ok ? Mono.just(Optional.<Duration>empty()) : refused(key, now, latest));
	}

	/** A bucket in use with room left: moves its time on by one interval. */
	private Mono<Boolean> takeFromBusy(String key, long now, long latest, long interval) {
		Query query = Query.query(Criteria.where("_id").is(key).and("tat").gte(now).lte(latest));
		return store
			.findAndModify(query, new Update().inc("tat", interval), FindAndModifyOptions.options().returnNew(true),
					Bucket.class, COLLECTION)
			.map(bucket -> {
				lastSeen.put(key, bucket.tat());
				return true;
			})
			.defaultIfEmpty(false);
	}

	/** A new bucket, or one full again: starts it at now plus one interval. */
	private Mono<Boolean> takeFromIdle(String key, long now, long interval) {
		Query query = Query.query(Criteria.where("_id").is(key).and("tat").lt(now));
		return store
			.findAndModify(query, new Update().set("tat", now + interval), FindAndModifyOptions.options().upsert(true),
					Bucket.class, COLLECTION)
			.then(Mono.fromCallable(() -> {
				lastSeen.put(key, now + interval);
				return true;
			}))
			.onErrorResume(DuplicateKeyException.class, taken -> {
				lastSeen.put(key, now);
				return Mono.just(false);
			});
	}

	private Mono<Optional<Duration>> refused(String key, long now, long latest) {
		return store.findById(key, Bucket.class, COLLECTION)
			.map(bucket -> Math.max(1, bucket.tat() - latest))
			.defaultIfEmpty(1L)
			.map(wait -> {
				emptyUntil.put(key, now + wait);
				return Optional.of(Duration.ofMillis(wait));
			});
	}

	private static Mac idKey(String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			String key = secret == null || secret.isEmpty() ? "formgate-rate-limits" : secret;
			mac.init(new SecretKeySpec(("rate-limit-ids:" + key).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
		}
	}

	private static boolean isStoreFailure(Throwable e) {
		return e instanceof DataAccessException || e instanceof MongoException;
	}

	/** Deletes buckets that are full again: a missing bucket is a full one. */
	@Scheduled(fixedDelayString = "${formgate.gateway.abuse.purge-interval:10m}")
	void forgetFull() {
		store.remove(Query.query(Criteria.where("tat").lt(clock.millis())), COLLECTION)
			.doOnError(e -> log.warn("Full rate-limit buckets not deleted this round: {}", e.getClass().getSimpleName()))
			.onErrorComplete()
			.block();
	}

	record Bucket(String id, long tat) {
	}
}
