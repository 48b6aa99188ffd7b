package dev.formgate.resilience;

import com.mongodb.MongoTimeoutException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreCallsTests {

	static CircuitBreaker breaker() {
		return CircuitBreaker.of(StoreCalls.BREAKER, CircuitBreakerConfig.custom().slidingWindowSize(4)
			.minimumNumberOfCalls(4).failureRateThreshold(50)
			.recordExceptions(DataAccessResourceFailureException.class, MongoTimeoutException.class).build());
	}

	@Test
	void refusesAtOnceWhileTheBulkheadIsFull() throws Exception {
		var bulkhead = Bulkhead.of(StoreCalls.BULKHEAD,
				BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());
		var calls = new StoreCalls(bulkhead, breaker());
		var inside = new CountDownLatch(1);
		var release = new CountDownLatch(1);
		try (var executor = Executors.newSingleThreadExecutor()) {
			Future<String> slow = executor.submit(() -> calls.call(() -> {
				inside.countDown();
				await(release);
				return "stored";
			}));
			await(inside);

			assertThatThrownBy(() -> calls.run(() -> {
			})).isInstanceOf(BulkheadFullException.class);

			release.countDown();
			assertThat(slow.get()).isEqualTo("stored");
		}
		assertThat(calls.call(() -> "stored again")).isEqualTo("stored again");
	}

	@Test
	void opensOnStoreFailuresButNotOnADuplicateKey() {
		var breaker = breaker();
		var calls = new StoreCalls(Bulkhead.ofDefaults(StoreCalls.BULKHEAD), breaker);
		for (int i = 0; i < 4; i++) {
			assertThatThrownBy(() -> calls.run(() -> {
				throw new DuplicateKeyException("taken");
			})).isInstanceOf(DuplicateKeyException.class);
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

		// Two store failures in the window of four: 50 %, the threshold.
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> calls.run(() -> {
				throw new DataAccessResourceFailureException("store down");
			})).isInstanceOf(DataAccessResourceFailureException.class);
		}

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThatThrownBy(() -> calls.call(() -> "never called")).isInstanceOf(CallNotPermittedException.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
