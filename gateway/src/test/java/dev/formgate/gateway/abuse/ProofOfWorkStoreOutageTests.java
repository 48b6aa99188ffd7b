package dev.formgate.gateway.abuse;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.formgate.security.ProofOfWorkSolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With the used-solution store unreachable, a valid solution can be neither accepted (it might be a replay) nor
 * refused as invalid (the client did nothing wrong): {@link ProofOfWork#accept} fails, and the gateway answers 503.
 */
class ProofOfWorkStoreOutageTests {

	static final String KEY = "test-altcha-hmac-key-of-at-least-32-chars";

	final MongoClient unreachable = MongoClients.create(MongoClientSettings.builder()
		.applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + closedPort()))
		.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
		.build());

	final ProofOfWork proofOfWork = new ProofOfWork(new AbuseProperties(new AbuseProperties.Limit(20, Duration.ofHours(1)),
			new AbuseProperties.Limit(200, Duration.ofHours(1)), 24, 48, DataSize.ofKilobytes(64),
			DataSize.ofKilobytes(256), new AbuseProperties.TokenPosts(List.of("/newsletter/unsubscribe"), 10_000,
					Duration.ofHours(1)), new AbuseProperties.ProofOfWork(true, KEY, 1000, Duration.ofMinutes(10), null)),
			new ReactiveMongoTemplate(unreachable, "formgate-gateway"), Clock.systemUTC(), JsonMapper.builder().build());

	@AfterEach
	void close() {
		unreachable.close();
	}

	@Test
	void failsInsteadOfRefusingAValidSolutionWhileTheStoreIsDown() {
		String solution = ProofOfWorkSolver.signedAndSolved(KEY, System.currentTimeMillis() / 1000 + 600,
				"newsletter");

		assertThatThrownBy(() -> proofOfWork.accept(solution, "newsletter").block(Duration.ofSeconds(10)))
			.isInstanceOf(RuntimeException.class);
	}

	@Test
	void stillRefusesGarbageWithoutTheStore() {
		assertThat(proofOfWork.accept("bm90IGEgc29sdXRpb24=", "newsletter").block(Duration.ofSeconds(10))).isFalse();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
