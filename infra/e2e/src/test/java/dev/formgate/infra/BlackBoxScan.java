package dev.formgate.infra;

import com.mongodb.client.MongoClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Everything the stack keeps, read from outside as an auditor would, lower-cased: every document of every MongoDB
 * database, every record (key, value, headers) of every Kafka topic, every log file.
 */
final class BlackBoxScan {

	private BlackBoxScan() {
	}

	static String everyDatabase(MongoClient mongo) {
		StringBuilder all = new StringBuilder();
		for (String database : mongo.listDatabaseNames()) {
			if (Set.of("admin", "config", "local").contains(database)) {
				// A real server's own databases; its replication log (local.oplog.rs) keeps erased documents until it
				// rolls over, which the production notes in docs/operations.md ask operators to bound.
				continue;
			}
			var db = mongo.getDatabase(database);
			for (String collection : db.listCollectionNames()) {
				db.getCollection(collection).find().forEach((Document document) -> all.append(document.toJson()));
			}
		}
		return all.toString().toLowerCase(Locale.ROOT);
	}

	static String everyTopic(LocalStack stack) throws InterruptedException, ExecutionException {
		Set<String> topics;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers()))) {
			topics = admin.listTopics().names().get();
		}
		StringBuilder all = new StringBuilder();
		for (String topic : topics) {
			for (ConsumerRecord<byte[], byte[]> record : stack.records(topic)) {
				if (record.key() != null) {
					all.append(new String(record.key(), StandardCharsets.UTF_8));
				}
				if (record.value() != null) {
					all.append(new String(record.value(), StandardCharsets.UTF_8));
				}
				record.headers().forEach(h -> all.append(h.key()).append(new String(h.value(), StandardCharsets.UTF_8)));
			}
		}
		return all.toString().toLowerCase(Locale.ROOT);
	}

	/** Each log file's name with its text. */
	static Map<String, String> everyLog(LocalStack stack) throws IOException {
		var texts = new java.util.TreeMap<String, String>();
		try (var logs = Files.list(stack.logDirectory())) {
			for (Path log : logs.toList()) {
				texts.put(log.getFileName().toString(), Files.readString(log).toLowerCase(Locale.ROOT));
			}
		}
		return texts;
	}
}
