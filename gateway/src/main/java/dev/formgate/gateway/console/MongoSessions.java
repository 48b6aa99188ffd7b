package dev.formgate.gateway.console;

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Console sessions in the gateway's MongoDB, so every gateway instance knows every session. A session ends after its
 * idle timeout or, used or not, its absolute timeout; logout deletes it at once, so its cookie is worth nothing
 * after. The store keeps only a hash of the session id (whoever reads the database cannot take over a session) and
 * the attributes (the signed-in person, their tokens, the CSRF token) as serialised Java objects of known packages.
 */
class MongoSessions implements WebSessionStore {

	static final String COLLECTION = "console_sessions";
	private static final Logger log = LoggerFactory.getLogger(MongoSessions.class);
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final ObjectInputFilter KNOWN_CLASSES = ObjectInputFilter.Config.createFilter(
			"java.base/*;org.springframework.**;com.nimbusds.**;net.minidev.**;dev.formgate.**;maxdepth=40;!*");

	private final ReactiveMongoTemplate mongo;
	private final Clock clock;
	private final Duration idleTimeout;
	private final Duration absoluteTimeout;

	MongoSessions(ReactiveMongoTemplate mongo, Clock clock, Duration idleTimeout, Duration absoluteTimeout) {
		this.mongo = mongo;
		this.clock = clock;
		this.idleTimeout = idleTimeout;
		this.absoluteTimeout = absoluteTimeout;
	}

	Mono<Void> createIndexes() {
		return mongo.indexOps(COLLECTION).createIndex(new Index("expiresAt", org.springframework.data.domain.Sort.Direction.ASC))
			.then();
	}

	@Override
	public Mono<WebSession> createWebSession() {
		return Mono.fromSupplier(() -> new Session(newId(), clock.instant(), clock.instant(), new ConcurrentHashMap<>(),
				false));
	}

	@Override
	public Mono<WebSession> retrieveSession(String id) {
		if (id == null || id.length() > 100) {
			return Mono.empty();
		}
		return mongo.findById(hash(id), Document.class, COLLECTION).flatMap(document -> {
			Instant now = clock.instant();
			Instant expiresAt = document.getDate("expiresAt").toInstant();
			if (!now.isBefore(expiresAt)) {
				return remove(id).then(Mono.empty());
			}
			Map<String, Object> attributes = read(document.get("attributes", Binary.class));
			if (attributes == null) {
				return remove(id).then(Mono.empty());
			}
			return Mono.just(new Session(id, document.getDate("createdAt").toInstant(),
					document.getDate("lastAccessedAt").toInstant(), new ConcurrentHashMap<>(attributes), true));
		});
	}

	@Override
	public Mono<Void> removeSession(String id) {
		return remove(id);
	}

	private Mono<Void> remove(String id) {
		return mongo.remove(Query.query(Criteria.where("_id").is(hash(id))), COLLECTION).then();
	}

	@Override
	public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
		return Mono.fromSupplier(() -> {
			Session session = (Session) webSession;
			session.lastAccessedAt = clock.instant();
			return session;
		});
	}

	/** Deletes the sessions that have ended; returns how many. */
	Mono<Long> purge() {
		return mongo.remove(Query.query(Criteria.where("expiresAt").lte(clock.instant())), COLLECTION)
			.map(result -> result.getDeletedCount());
	}

	private Instant expiresAt(Session session) {
		Instant idle = session.lastAccessedAt.plus(idleTimeout);
		Instant absolute = session.createdAt.plus(absoluteTimeout);
		return idle.isBefore(absolute) ? idle : absolute;
	}

	static String hash(String id) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(id.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String newId() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] write(Map<String, Object> attributes) {
		var out = new ByteArrayOutputStream();
		try (var objects = new ObjectOutputStream(out)) {
			objects.writeObject(new HashMap<>(attributes));
		}
		catch (IOException e) {
			// Which attribute is not serialisable says enough; its value stays out of the log.
			throw new IllegalStateException("console session attributes are not serialisable: " + attributes.keySet(), e);
		}
		return out.toByteArray();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(Binary binary) {
		if (binary == null) {
			return null;
		}
		try (var in = new ObjectInputStream(new ByteArrayInputStream(binary.getData()))) {
			in.setObjectInputFilter(KNOWN_CLASSES);
			return (Map<String, Object>) in.readObject();
		}
		catch (IOException | ClassNotFoundException | ClassCastException e) {
			// A session written by another version, or tampered with: it ends, the person signs in again.
			log.warn("Unreadable console session dropped: {}", e.getClass().getSimpleName());
			return null;
		}
	}

	private final class Session implements WebSession {

		private volatile String id;
		private final Instant createdAt;
		private volatile Instant lastAccessedAt;
		private final Map<String, Object> attributes;
		private volatile boolean started;
		private volatile String replaced;
		private volatile boolean invalid;

		Session(String id, Instant createdAt, Instant lastAccessedAt, Map<String, Object> attributes, boolean stored) {
			this.id = id;
			this.createdAt = createdAt;
			this.lastAccessedAt = lastAccessedAt;
			this.attributes = attributes;
			this.started = stored;
		}

		@Override
		public String getId() {
			return id;
		}

		@Override
		public Map<String, Object> getAttributes() {
			return attributes;
		}

		@Override
		public void start() {
			started = true;
		}

		@Override
		public boolean isStarted() {
			return started || !attributes.isEmpty();
		}

		/** Sign-in gives the session a new id (no fixation); the old one is deleted when the session is saved. */
		@Override
		public Mono<Void> changeSessionId() {
			return Mono.fromRunnable(() -> {
				if (replaced == null) {
					replaced = id;
				}
				id = newId();
			});
		}

		@Override
		public Mono<Void> invalidate() {
			invalid = true;
			attributes.clear();
			String old = replaced;
			return remove(id).then(old == null ? Mono.empty() : remove(old));
		}

		@Override
		public Mono<Void> save() {
			if (invalid) {
				return Mono.empty();
			}
			if (isExpired()) {
				return invalidate();
			}
			Supplier<Document> document = () -> new Document("createdAt", java.util.Date.from(createdAt))
				.append("lastAccessedAt", java.util.Date.from(lastAccessedAt))
				.append("expiresAt", java.util.Date.from(expiresAt(this)))
				.append("attributes", new Binary(write(attributes)));
			String old = replaced;
			Mono<Void> upsert = Mono.fromSupplier(document)
				.flatMap(d -> {
					Update update = new Update();
					d.forEach(update::set);
					return mongo.upsert(Query.query(Criteria.where("_id").is(hash(id))), update, COLLECTION);
				})
				.then();
			return old == null ? upsert : upsert.then(remove(old)).doOnSuccess(done -> replaced = null);
		}

		@Override
		public boolean isExpired() {
			return !clock.instant().isBefore(expiresAt(this));
		}

		@Override
		public Instant getCreationTime() {
			return createdAt;
		}

		@Override
		public Instant getLastAccessTime() {
			return lastAccessedAt;
		}

		@Override
		public void setMaxIdleTime(Duration maxIdleTime) {
			// fixed by formgate.console.idle-timeout
		}

		@Override
		public Duration getMaxIdleTime() {
			return idleTimeout;
		}
	}

}
