package dev.formgate.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A MongoDB wire-protocol server (mongo-java-server). File-backed (H2 MVStore) so data and unique indexes survive a
 * restart, or in memory for tests. The services talk to it with the real MongoDB driver over TCP. Its queries use
 * the indexes the services declare, as MongoDB's do ({@link IndexedBackends}).
 */
final class EmbeddedMongo implements AutoCloseable {

	private final Path file;
	private final int port;
	private MongoServer server;
	private CountingBackend backend;
	private final StoreScans scans = new StoreScans();

	private EmbeddedMongo(Path file, int port) {
		this.file = file;
		this.port = port;
	}

	/** @param file the H2 file to keep data in, or null to keep it in memory */
	static EmbeddedMongo start(Path file, int port) throws IOException {
		if (file != null) {
			Files.createDirectories(file.getParent());
		}
		var mongo = new EmbeddedMongo(file, port);
		mongo.startServer();
		return mongo;
	}

	/**
	 * Listens again after {@link #stopServer()}, on the same port and file. In memory there is nothing to come back
	 * to: mongo-java-server's memory backend drops its databases when its server shuts down.
	 */
	synchronized void startServer() {
		if (server != null) {
			return;
		}
		MongoBackend store = file == null ? IndexedBackends.memory(scans) : IndexedBackends.file(file.toString(), scans);
		backend = new CountingBackend(store);
		var started = new MongoServer(backend);
		started.bind("127.0.0.1", port);
		server = started;
	}

	/** Like a crashed mongod: stops listening, cuts every open connection and closes the file. */
	synchronized void stopServer() {
		if (server != null) {
			server.shutdownNow();
			server = null;
		}
	}

	/** The commands the server answered since it (last) started, {@code "<database> <command>"} → count. */
	synchronized Map<String, Long> commands() {
		return backend == null ? Map.of() : backend.commands();
	}

	/**
	 * The queries the store answered by reading whole collections, {@code "<database>.<collection> <shape>"} →
	 * {scans, documents read}, since this stack started.
	 */
	Map<String, long[]> scans() {
		return scans.counts();
	}

	boolean persistent() {
		return file != null;
	}

	/** The URI of one database on this server, e.g. {@code mongodb://127.0.0.1:27017/formgate-newsletter}. */
	String uri(String database) {
		return "mongodb://127.0.0.1:" + port + "/" + database;
	}

	@Override
	public void close() {
		stopServer();
	}
}
