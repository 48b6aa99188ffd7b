package dev.formgate.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server (mongo-java-server). File-backed (H2 MVStore) so data and unique indexes survive a
 * restart, or in memory for tests. The services talk to it with the real MongoDB driver over TCP.
 */
final class EmbeddedMongo implements AutoCloseable {

	private final MongoServer server;
	private final String connectionString;

	private EmbeddedMongo(MongoServer server, String connectionString) {
		this.server = server;
		this.connectionString = connectionString;
	}

	/** @param file the H2 file to keep data in, or null to keep it in memory */
	static EmbeddedMongo start(Path file, int port) throws IOException {
		MongoBackend backend;
		if (file == null) {
			backend = new MemoryBackend();
		}
		else {
			Files.createDirectories(file.getParent());
			backend = new H2Backend(file.toString());
		}
		var server = new MongoServer(backend);
		server.bind("127.0.0.1", port);
		return new EmbeddedMongo(server, "mongodb://127.0.0.1:" + port);
	}

	/** The URI of one database on this server, e.g. {@code mongodb://127.0.0.1:27017/formgate-newsletter}. */
	String uri(String database) {
		return connectionString + "/" + database;
	}

	@Override
	public void close() {
		server.shutdownNow();
	}
}
