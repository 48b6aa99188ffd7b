package dev.formgate.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.formgate.security.AdminTokenFixture;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * One mongo-java-server and one GreenMail (SMTP and IMAP) per test JVM, on free ports, for the services' test contexts; they stop
 * with the JVM, as the cached contexts outlive every test class.
 */
public final class TestServers {

	private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
	private static final String MONGO_URI;
	public static final GreenMail SMTP;

	static {
		MONGO_URI = MONGO.bindAndGetConnectionString();
		// IMAP beside SMTP, on the same mail store: a service's tests read the mailboxes it reads (newsletter bounces)
		SMTP = new GreenMail(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		SMTP.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			SMTP.stop();
			MONGO.shutdownNow();
		}));
	}

	private TestServers() {
	}

	/** Points a service at both servers, with its own database, and at the test key for admin tokens. */
	public static DynamicPropertyRegistrar properties(String database) {
		return registry -> {
			registry.add("spring.mongodb.uri", () -> MONGO_URI + "/" + database);
			registry.add("spring.mail.host", () -> "127.0.0.1");
			registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
			registry.add("formgate.admin-token.public-key", AdminTokenFixture::publicKeyLocation);
		};
	}
}
