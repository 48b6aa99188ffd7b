package dev.formgate.outbox;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import java.util.function.Supplier;

/**
 * The one retry policy for read-modify-write on a versioned document: a concurrent writer (the relay, a second
 * request) makes the operation read again and retry, up to {@value #MAX_ATTEMPTS} attempts; so does a concurrent
 * insert of the same unique key (two sign-ups of one address). Then the conflict is the caller's.
 */
public final class Conflicts {

	public static final int MAX_ATTEMPTS = 10;

	private Conflicts() {
	}

	/** Runs the operation (which reads, changes and writes) again after each conflict. */
	public static <T> T retrying(Supplier<T> operation) {
		for (int attempt = 1;; attempt++) {
			try {
				return operation.get();
			}
			catch (OptimisticLockingFailureException | DuplicateKeyException e) {
				if (attempt == MAX_ATTEMPTS) {
					throw e;
				}
			}
		}
	}

	public static void retrying(Runnable operation) {
		retrying(() -> {
			operation.run();
			return null;
		});
	}
}
