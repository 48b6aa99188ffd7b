package dev.formgate.gateway.errors;

import com.mongodb.MongoTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;

import java.net.ConnectException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayErrorsTests {

	final GatewayErrors errors = new GatewayErrors(new ErrorProperties(Duration.ofSeconds(30), Duration.ofSeconds(10)));

	@Test
	void answersAnUnreachableStoreWith503AndItsOwnRetryAfter() {
		for (Throwable storeDown : new Throwable[] { new DataAccessResourceFailureException("timed out"),
				new MongoTimeoutException("timed out"),
				new IllegalStateException(new DataAccessResourceFailureException("wrapped")) }) {
			var problem = errors.problemFor(storeDown);
			assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(problem.retryAfter()).isEqualTo(Duration.ofSeconds(10));
		}
	}

	@Test
	void keepsTheBreakersRetryAfterForAServiceThatIsDown() {
		assertThat(errors.problemFor(new ConnectException("refused")).retryAfter()).isEqualTo(Duration.ofSeconds(30));
	}
}
