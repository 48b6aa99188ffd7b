package dev.formgate.erasure.support;

import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

/**
 * What the ledger's integration tests share (each class carries {@link ErasureServiceTest}): the stores' side on
 * Kafka, the service's subjectRefs, transport seal, clock and store, its HTTP API, and a store registered afresh for a
 * test so that no test meets another's answers.
 */
public abstract class LedgerTests {

	@Autowired
	protected Stores stores;

	@Autowired
	protected SubjectRefs subjectRefs;

	@Autowired
	protected TransportSeal seal;

	@Autowired
	protected TestClock clock;

	@Autowired
	protected MongoTemplate mongo;

	protected PrivacyApi api;

	protected Http http;

	@BeforeEach
	void connect(@LocalServerPort int port) {
		api = new PrivacyApi(port);
		http = new Http("http://127.0.0.1:" + port);
	}

	/** Registers a new store that answers requests, holding one category, once the ledger knows it; its name. */
	protected String registerStore(String collection, String purpose, String purposeDe) {
		String store = Stores.newStoreName();
		stores.register(store, true, List.of(Stores.category(collection, purpose, purposeDe)));
		api.awaitRegistered(store);
		return store;
	}
}
