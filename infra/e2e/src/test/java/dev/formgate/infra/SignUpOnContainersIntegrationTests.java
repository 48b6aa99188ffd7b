package dev.formgate.infra;

import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Every test of {@link LocalStackIntegrationTests} again, on MongoDB and Kafka images ({@link ContainerStack});
 * skipped where there is no Docker. This {@code connect()} hides the embedded one, so the inherited tests and their
 * helpers read this stack from the shared fields (test classes run one after another).
 */
@Testcontainers(disabledWithoutDocker = true)
class SignUpOnContainersIntegrationTests extends LocalStackIntegrationTests {

	@BeforeAll
	static void connect() {
		stack = ContainerStack.get();
		ports = ContainerStack.ports();
		mongo = MongoClients.create(stack.mongoUri(""));
	}
}
