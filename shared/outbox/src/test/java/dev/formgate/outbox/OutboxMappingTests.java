package dev.formgate.outbox;

import dev.formgate.outbox.Letters.Letter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.index.IndexInfo;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an outbox is stored: at the top of its document under the names documents have always had, its due time
 * indexed; entries written by an older version read back as legacy events.
 */
class OutboxMappingTests {

	final Letters letters = new Letters();

	@AfterEach
	void close() {
		letters.close();
	}

	@Test
	void storesTheOutboxAtTheTopOfTheDocumentUnderItsFormerNames() {
		Letter letter = letters.insert(Letter.written("subject", "a@example.org", true, Instant.now()));

		Document raw = letters.raw(letter.id);

		assertThat(raw).containsKeys(Outbox.EVENTS, Outbox.MAILS, Outbox.DUE, Outbox.FAILURES);
		assertThat(raw.getList(Outbox.EVENTS, Document.class)).singleElement()
			.satisfies(e -> assertThat(e).containsKeys("eventId", "type", "key", "time", "data"));
		assertThat(raw.getList(Outbox.MAILS, Document.class)).singleElement()
			.satisfies(m -> assertThat(m).containsEntry("kind", "GREETING").containsKeys("mailId", "requestedAt"));
	}

	@Test
	void indexesTheDueTimeTheSweepAsksFor() {
		letters.insert(Letter.written("subject", "a@example.org", false, Instant.now()));

		List<IndexInfo> indexes = letters.mongo.indexOps(Letters.COLLECTION).getIndexInfo();

		assertThat(indexes).anySatisfy(index -> assertThat(index.getIndexFields())
			.singleElement().satisfies(field -> assertThat(field.getKey()).isEqualTo(Outbox.DUE)));
	}

	@Test
	void readsAnEntryOfTheEarlierShapeAsALegacyEventAndAnEmptyOutboxAsEmpty() {
		letters.mongo.insert(new Document("_id", "old").append("version", 3L).append("subjectRef", "subject")
			.append(Outbox.EVENTS, List.of(new Document("eventId", "e-1").append("kind", "WRITTEN")
				.append("occurredAt", new java.util.Date())))
			.append(Outbox.MAILS, List.of(new Document("mailId", "m-1").append("kind", "GREETING")
				.append("requestedAt", new java.util.Date())))
			.append(Outbox.DUE, new java.util.Date()).append(Outbox.FAILURES, 2), Letters.COLLECTION);
		letters.mongo.insert(new Document("_id", "quiet").append("version", 0L).append("subjectRef", "subject")
			.append(Outbox.EVENTS, List.of()).append(Outbox.MAILS, List.of()), Letters.COLLECTION);

		Letter old = letters.findById("old");
		Letter quiet = letters.findById("quiet");

		assertThat(old.outbox.hasLegacyEvents()).isTrue();
		assertThat(old.outbox.events()).singleElement().satisfies(e -> assertThat(e.eventId()).isEqualTo("e-1"));
		assertThat(old.outbox.mails()).singleElement()
			.satisfies(m -> assertThat(m.kind(Letters.Mail.class)).isEqualTo(Letters.Mail.GREETING));
		assertThat(old.outbox.failures()).isEqualTo(2);
		assertThat(quiet.outbox.due()).isNull();
		assertThat(quiet.outbox.owesEvents()).isFalse();
	}
}
