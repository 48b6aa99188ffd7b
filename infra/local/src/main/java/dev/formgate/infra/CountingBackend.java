package dev.formgate.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The MongoDB-wire server's backend with a count of the commands it answered, per database and command name
 * ({@code formgate-newsletter insert}): how many store round trips, and which, a sign-up costs (bin/bench). Counting
 * is a map lookup per command; everything else is the wrapped backend's.
 */
final class CountingBackend implements MongoBackend {

	private final MongoBackend backend;
	private final Map<String, LongAdder> commands = new ConcurrentHashMap<>();

	CountingBackend(MongoBackend backend) {
		this.backend = backend;
	}

	/** The commands answered so far, {@code "<database> <command>"} → count. */
	Map<String, Long> commands() {
		Map<String, Long> counts = new TreeMap<>();
		commands.forEach((key, count) -> counts.put(key, count.sum()));
		return counts;
	}

	private void count(String database, Document command) {
		if (command != null && !command.isEmpty()) {
			commands.computeIfAbsent(database + " " + command.keySet().iterator().next(), key -> new LongAdder())
				.increment();
		}
	}

	@Override
	public Document handleMessage(MongoMessage message) {
		count(message.getDatabaseName(), message.getDocument());
		return backend.handleMessage(message);
	}

	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		commands.computeIfAbsent(database + " " + command, key -> new LongAdder()).increment();
		return backend.handleCommand(channel, database, command, query);
	}

	@Override
	public QueryResult handleQuery(MongoQuery query) {
		return backend.handleQuery(query);
	}

	@Override
	public void handleClose(Channel channel) {
		backend.handleClose(channel);
	}

	@Override
	public void dropDatabase(String database) {
		backend.dropDatabase(database);
	}

	@Override
	public Collection<Document> getCurrentOperations(MongoQuery query) {
		return backend.getCurrentOperations(query);
	}

	@Override
	public Document getServerStatus() {
		return backend.getServerStatus();
	}

	@Override
	public void close() {
		backend.close();
	}

	@Override
	public void closeCursors(List<Long> cursorIds) {
		backend.closeCursors(cursorIds);
	}

	@Override
	public Clock getClock() {
		return backend.getClock();
	}

	@Override
	public void enableOplog() {
		backend.enableOplog();
	}

	@Override
	public void disableOplog() {
		backend.disableOplog();
	}

	@Override
	public MongoDatabase resolveDatabase(String database) {
		return backend.resolveDatabase(database);
	}

	@Override
	public MongoBackend version(MongoVersion version) {
		backend.version(version);
		return this;
	}
}
