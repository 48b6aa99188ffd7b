package dev.formgate.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.function.Supplier;

/**
 * Guards the store calls of a public intake path (a sign-up, a contact request): a semaphore bulkhead
 * ({@value #BULKHEAD}) caps how many wait on a slow MongoDB at once, so a slow store cannot pile up virtual threads
 * and pooled connections; a circuit breaker ({@value #BREAKER}) stops calling a store that keeps failing. Both
 * refuse at once with {@link BulkheadFullException} or {@link CallNotPermittedException}, which are answered with
 * {@code 503} and {@code Retry-After}: nothing was stored, so nothing is acknowledged. Which exceptions count as the
 * store failing is the breaker's {@code record-exceptions} setting (connection and timeout errors, not a duplicate
 * key or a validation error).
 */
public final class StoreCalls {

	public static final String BULKHEAD = "store-intake";
	public static final String BREAKER = "mongo";

	private final Bulkhead bulkhead;
	private final CircuitBreaker breaker;

	public StoreCalls(Bulkhead bulkhead, CircuitBreaker breaker) {
		this.bulkhead = bulkhead;
		this.breaker = breaker;
	}

	public <T> T call(Supplier<T> call) {
		return bulkhead.executeSupplier(() -> breaker.executeSupplier(call));
	}

	public void run(Runnable call) {
		call(() -> {
			call.run();
			return null;
		});
	}
}
