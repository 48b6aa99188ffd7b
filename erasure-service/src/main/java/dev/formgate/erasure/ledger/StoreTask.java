package dev.formgate.erasure.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * One store's share of a request: when it was asked (first, last, how often), when to ask again, and its answer.
 */
record StoreTask(String store, Instant firstRequestedAt, Instant lastRequestedAt, int requests,
		Instant nextRequestAt, StoreAnswer answer) {

	static StoreTask requested(String store, Instant now, Backoff backoff) {
		return new StoreTask(store, now, now, 1, now.plus(backoff.after(1)), null);
	}

	boolean answered() {
		return answer != null;
	}

	StoreTask requestedAgain(Instant now, Backoff backoff) {
		return new StoreTask(store, firstRequestedAt, now, requests + 1, now.plus(backoff.after(requests + 1)), null);
	}

	StoreTask answered(StoreAnswer answer) {
		return new StoreTask(store, firstRequestedAt, lastRequestedAt, requests, null, answer);
	}

	Instant giveUpAt(Duration timeout) {
		return firstRequestedAt.plus(timeout);
	}

	/** When the relay must look at this task next: the next request or giving up, whichever comes first. */
	Instant dueAt(Duration timeout) {
		Instant giveUp = giveUpAt(timeout);
		return nextRequestAt == null || giveUp.isBefore(nextRequestAt) ? giveUp : nextRequestAt;
	}

	/**
	 * Exponential backoff between requests to a silent store.
	 *
	 * @param first wait after the first request
	 * @param max longest wait
	 */
	record Backoff(Duration first, Duration max) {

		/** The wait after the n-th request: first, 2 × first, 4 × first, …, at most max. */
		Duration after(int requests) {
			Duration wait = first;
			for (int i = 1; i < requests && wait.compareTo(max) < 0; i++) {
				wait = wait.multipliedBy(2);
			}
			return wait.compareTo(max) > 0 ? max : wait;
		}
	}
}
