package dev.formgate.newsletter.subscription;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import java.util.function.Supplier;

/** Read-modify-write against a versioned document: a concurrent writer makes us read again, a few times at most. */
final class Conflicts {

	private static final int MAX_ATTEMPTS = 5;

	private Conflicts() {
	}

	static <T> T retrying(Supplier<T> operation) {
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
}
