package dev.formgate.infra;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local stack on real images, for the Testcontainers variants of the end-to-end tests: MongoDB ({@code mongo:8},
 * a one-member replica set) and Apache Kafka ({@code apache/kafka} at the clients' version, KRaft) in containers, the
 * dev mail server and the services as on {@link SharedStack}, with the same settings. Started once per run, and only
 * where Docker exists.
 */
final class ContainerStack {

	static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8");
	static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:" + AppInfoParser.getVersion());

	private static LocalStack stack;
	private static LocalStack.Ports ports;

	private ContainerStack() {
	}

	static synchronized LocalStack get() {
		if (stack == null) {
			try {
				Startables.deepStart(MONGO, KAFKA).join();
				ports = SharedStack.freePorts();
				Path home = Path.of(System.getProperty("formgate.home", "../..")).toAbsolutePath().normalize();
				Path data = Files.createTempDirectory("formgate-containers");
				// Without directConnection the driver would look for the member under the container's own host name.
				var external = new LocalStack.External(KAFKA.getBootstrapServers(),
						MONGO.getConnectionString() + "/?directConnection=true");
				stack = LocalStack.start(new LocalStack.Settings(home, data, false, ports, SharedStack.ENVIRONMENT,
						external));
				Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return stack;
	}

	static LocalStack.Ports ports() {
		get();
		return ports;
	}
}
