package dev.formgate.infra;

import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Every test of {@link ContactRequestIntegrationTests} again, on MongoDB and Kafka images ({@link ContainerStack});
 * skipped where there is no Docker. This {@code connect()} hides the embedded one.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContactRequestOnContainersIntegrationTests extends ContactRequestIntegrationTests {

	@BeforeAll
	static void connect() {
		stack = ContainerStack.get();
		mongo = MongoClients.create(stack.mongoUri(""));
	}
}
