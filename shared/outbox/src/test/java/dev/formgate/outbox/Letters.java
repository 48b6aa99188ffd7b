package dev.formgate.outbox;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.DefaultDbRefResolver;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;


/**
 * A small document kind with an outbox, stored by the real MongoDB driver in an in-memory mongo-java-server, to prove
 * the outbox and its relay without a Spring context: a letter to one subject, which owes events and a greeting mail.
 */
final class Letters extends MongoOutboxDocuments<Letters.Letter> implements AutoCloseable {

	static final String COLLECTION = "letters";

	/** The events a letter records. */
	sealed interface LetterEvent {

		record LetterWritten(String subjectRef, String letterId, Instant occurredAt) implements LetterEvent {
		}

		record LetterAmended(String subjectRef, String letterId, int amendment, Instant occurredAt)
				implements LetterEvent {
		}
	}

	enum Mail {
		GREETING
	}

	@org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
	static class Letter {

		@Id
		String id;

		@Version
		Long version;

		String subjectRef;

		String address;

		int amendments;

		/** The token of the letter's last greeting, as a confirmation mail's is kept. */
		String token;

		/** Torn up: the letter goes once nothing is owed any more. */
		boolean tornUp;

		@Unwrapped.Empty
		Outbox outbox = new Outbox();

		static Letter written(String subjectRef, String address, boolean greet, Instant now) {
			Letter letter = new Letter();
			letter.id = UUID.randomUUID().toString();
			letter.subjectRef = subjectRef;
			letter.address = address;
			letter.outbox.record(OutboxEvent.of(subjectRef,
					new LetterEvent.LetterWritten(subjectRef, letter.id, now), now), now);
			if (greet) {
				letter.outbox.owe(OwedMail.of(Mail.GREETING, now), now);
			}
			return letter;
		}

		void amend(Instant now) {
			amendments++;
			outbox.record(OutboxEvent.of(subjectRef,
					new LetterEvent.LetterAmended(subjectRef, id, amendments, now), now), now);
		}

		/** A change with no event: the subject is named differently from now on (a rectification, say). */
		void readdress(String newSubjectRef, String newAddress) {
			subjectRef = newSubjectRef;
			address = newAddress;
		}
	}

	/** The in-memory server and the real driver's client on it, counting the write commands it sends. */
	private record Store(MongoServer server, MongoClient client, MongoTemplate template, Map<String, LongAdder> writes) {

		static Store start() {
			MongoServer server = new MongoServer(new MemoryBackend());
			Map<String, LongAdder> writes = new ConcurrentHashMap<>();
			MongoClient client = MongoClients.create(MongoClientSettings.builder()
				.applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
				.addCommandListener(new CommandListener() {

					@Override
					public void commandStarted(CommandStartedEvent event) {
						if (Set.of("insert", "update", "delete").contains(event.getCommandName())) {
							writes.computeIfAbsent(event.getCommandName(), name -> new LongAdder()).increment();
						}
					}
				})
				.build());
			var factory = new SimpleMongoClientDatabaseFactory(client, "outbox-tests");
			var conversions = new MongoCustomConversions(List.of());
			var context = new MongoMappingContext();
			context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
			context.setAutoIndexCreation(true);
			context.afterPropertiesSet();
			var converter = new MappingMongoConverter(new DefaultDbRefResolver(factory), context);
			converter.setCustomConversions(conversions);
			converter.afterPropertiesSet();
			return new Store(server, client, new MongoTemplate(factory, converter), writes);
		}
	}

	private final Store store;

	Letters() {
		this(Store.start());
	}

	private Letters(Store store) {
		super(store.template(), Letter.class);
		this.store = store;
	}

	Letter insert(Letter letter) {
		return mongo.insert(letter);
	}

	/** Changes the stored letter as another writer would (a request while the relay works), with its version. */
	void changeMeanwhile(String id, Consumer<Letter> change) {
		Letter letter = findById(id);
		change.accept(letter);
		mongo.save(letter);
	}

	/** Write commands sent to the store so far ({@code update}, {@code delete}, {@code insert}), each counted once. */
	long writeCommands() {
		return store.writes().values().stream().mapToLong(LongAdder::sum).sum();
	}

	Document raw(String id) {
		return mongo.findById(id, Document.class, COLLECTION);
	}

	@Override
	public String id(Letter letter) {
		return letter.id;
	}

	@Override
	public Outbox outbox(Letter letter) {
		return letter.outbox;
	}

	@Override
	protected boolean isGoneOnceRelayed(Letter letter) {
		return letter.tornUp && !letter.outbox.owesEvents() && !letter.outbox.owesMails();
	}

	/** An entry an older version wrote held only a kind: {@code WRITTEN} was a LetterWritten. */
	@Override
	public void upgrade(Letter letter) {
		upgradeByKind(letter, letter.subjectRef, (kind, entry, at) -> switch (kind) {
			case "WRITTEN" -> new LetterEvent.LetterWritten(letter.subjectRef, letter.id, at);
			default -> throw new IllegalStateException("unknown kind");
		});
	}

	@Override
	public void close() {
		store.client().close();
		store.server().shutdownNow();
	}
}
