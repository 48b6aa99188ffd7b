package dev.formgate.erasure.ledger;

import dev.formgate.events.OutcomeEvent.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stores a request expects an answer from, each with its task: asked when, how often, and its answer. Part of the
 * request's document ({@code stores}), changed only through the request.
 */
class StoreTasks {

	private List<StoreTask> stores = new ArrayList<>();

	/** The store is expected from now on, asked now. */
	void expect(String store, Instant now, StoreTask.Backoff backoff) {
		stores.add(StoreTask.requested(store, now, backoff));
	}

	/** The store's task, or null when the request does not expect it. */
	StoreTask task(String store) {
		return stores.stream().filter(t -> t.store().equals(store)).findFirst().orElse(null);
	}

	/**
	 * Records a store silent beyond the timeout as FAILED, and asks the others again once their backoff has passed
	 * (only if {@code mayAskAgain}: nothing new while an emission still waits for Kafka). Whether any is asked again.
	 */
	boolean settleSilence(Instant now, LedgerProperties settings, boolean mayAskAgain) {
		boolean askAgain = false;
		for (int i = 0; i < stores.size(); i++) {
			StoreTask task = stores.get(i);
			if (task.answered()) {
				continue;
			}
			if (!now.isBefore(task.giveUpAt(settings.answerTimeout()))) {
				stores.set(i, task.answered(new StoreAnswer(Outcome.FAILED, Map.of(),
						"no answer within " + describe(settings.answerTimeout()), now, null, true)));
			}
			else if (mayAskAgain && !now.isBefore(task.nextRequestAt())) {
				stores.set(i, task.requestedAgain(now, settings.backoff()));
				askAgain = true;
			}
		}
		return askAgain;
	}

	void answer(StoreTask task, StoreAnswer answer) {
		stores.set(stores.indexOf(task), task.answered(answer));
	}

	/** No store registered yet means the registry is still learning, not that nobody holds data. */
	boolean allAnswered() {
		return !stores.isEmpty() && stores.stream().allMatch(StoreTask::answered);
	}

	/** Completed when no store failed, failed when every one did, partial otherwise. */
	RequestState verdict() {
		long failed = stores.stream().filter(t -> t.answer().outcome() == Outcome.FAILED).count();
		return failed == 0 ? RequestState.COMPLETED : failed == stores.size() ? RequestState.FAILED
				: RequestState.PARTIAL;
	}

	/** The first time a silent store must be asked again or given up on; null when every store answered. */
	Instant nextDue(Duration answerTimeout) {
		return stores.stream().filter(t -> !t.answered()).map(t -> t.dueAt(answerTimeout)).min(Instant::compareTo)
			.orElse(null);
	}

	List<String> failing() {
		return stores.stream().filter(t -> t.answered() && t.answer().outcome() == Outcome.FAILED)
			.map(StoreTask::store).toList();
	}

	/** Deletes the stores' sealed access data; false if there was none. */
	boolean purgeSealedData() {
		boolean any = stores.stream().anyMatch(t -> t.answered() && t.answer().sealedData() != null);
		stores.replaceAll(t -> t.answered() ? t.answered(t.answer().withoutSealedData()) : t);
		return any;
	}

	List<StoreTask> list() {
		return List.copyOf(stores);
	}

	private static String describe(Duration timeout) {
		return timeout.toHours() % 24 == 0 && timeout.toDays() > 0 ? timeout.toDays() + " days" : timeout.toString();
	}
}
