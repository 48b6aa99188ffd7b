package dev.formgate.infra;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded store keeps what the services send it out of the local stack's log. */
class EmbeddedMongoTests {

	@Test
	void refusesAConflictingWriteWithoutLoggingItsValues() throws Exception {
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
		logged.start();
		root.addAppender(logged);
		MongoServer server = new MongoServer(IndexedBackends.memory(new StoreScans()));
		try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
			MongoCollection<Document> subscriptions = client.getDatabase("formgate-test").getCollection("subscriptions");
			subscriptions.insertOne(new Document("_id", "s1").append("version", 1));

			// an upsert whose condition misses an existing document: the server refuses it as a duplicate key
			assertThatThrownBy(() -> subscriptions.findOneAndUpdate(
					Filters.and(Filters.eq("_id", "s1"), Filters.lt("version", 0)),
					Updates.set("email", "marker-4711@example.org"), new FindOneAndUpdateOptions().upsert(true)))
				.isInstanceOf(MongoCommandException.class);
		}
		finally {
			server.shutdownNow();
			root.detachAppender(logged);
		}
		assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
			.noneMatch(message -> message.contains("marker-4711"));
		assertThat(logged.list).extracting(event -> String.valueOf(event.getThrowableProxy() == null ? ""
				: event.getThrowableProxy().getMessage()))
			.noneMatch(message -> message.contains("marker-4711"));
	}
}
