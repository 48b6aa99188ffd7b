package dev.formgate.newsletter.campaign;

import dev.formgate.newsletter.subscription.Recipients.Subscriber;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who gets a campaign, fixed when it starts: each subject with an active subscription to one of its lists that was
 * confirmed by the start — not a later sign-up — and who is neither restricted (Art. 18) nor suppressed (objected,
 * unsubscribed, complained). A subject on several of the lists gets one mail, through the first of them in the
 * campaign's order. The lists are streamed in id order and cut into slices, so a selection never holds more than a
 * slice and can go on after a crash from where its last slice ended. Plain Java: the store is behind {@link Source}.
 */
final class RecipientSelection {

	/** What a selection reads from the subscriptions. */
	interface Source {

		/** The active subscriptions of a list in id order after {@code afterId} (null: all). */
		Stream<Subscriber> activeOn(String list, String afterId);

		/** Of these subjects, those who must get nothing (restricted or suppressed). */
		Set<String> excluded(Collection<String> subjectRefs);

		/** The subject's active subscription to a list, or null. */
		Subscriber activeSubscription(String subjectRef, String list);
	}

	/** Takes a finished slice; false stops the selection (it lost its lease). */
	interface Sink {

		boolean slice(List<Slice.Entry> entries, int listIndex, String lastId);
	}

	private static final int CHUNK = 500;

	private final List<String> lists;
	private final Instant startedAt;
	private final int sliceSize;
	private final Source source;

	RecipientSelection(List<String> lists, Instant startedAt, int sliceSize, Source source) {
		this.lists = lists;
		this.startedAt = startedAt;
		this.sliceSize = sliceSize;
		this.source = source;
	}

	/** A subscription counts for a campaign that started at {@code startedAt} if it was confirmed by then. */
	static boolean confirmedBy(Subscriber subscriber, Instant startedAt) {
		return subscriber.confirmedAt() != null && !subscriber.confirmedAt().isAfter(startedAt);
	}

	/**
	 * Selects from list {@code listIndex}, after subscription {@code afterId} there, to the end. Returns true when it
	 * got to the end, false when the sink stopped it.
	 */
	boolean run(int listIndex, String afterId, Sink sink) {
		List<Slice.Entry> pending = new ArrayList<>();
		List<Integer> pendingLists = new ArrayList<>();
		for (int index = listIndex; index < lists.size(); index++) {
			String list = lists.get(index);
			try (Stream<Subscriber> active = source.activeOn(list, index == listIndex ? afterId : null)) {
				var iterator = active.iterator();
				List<Subscriber> chunk = new ArrayList<>(CHUNK);
				while (iterator.hasNext() || !chunk.isEmpty()) {
					if (iterator.hasNext() && chunk.size() < CHUNK) {
						chunk.add(iterator.next());
						continue;
					}
					for (Slice.Entry entry : select(chunk, index)) {
						pending.add(entry);
						pendingLists.add(index);
						if (pending.size() == sliceSize && !emit(pending, pendingLists, sink)) {
							return false;
						}
					}
					chunk.clear();
				}
			}
		}
		return pending.isEmpty() || emit(pending, pendingLists, sink);
	}

	private List<Slice.Entry> select(List<Subscriber> chunk, int index) {
		List<Subscriber> confirmed = chunk.stream().filter(s -> confirmedBy(s, startedAt)).toList();
		Set<String> excluded = confirmed.isEmpty() ? Set.of()
				: source.excluded(confirmed.stream().map(Subscriber::subjectRef).toList());
		List<Slice.Entry> entries = new ArrayList<>();
		for (Subscriber subscriber : confirmed) {
			if (!excluded.contains(subscriber.subjectRef()) && !reachedEarlier(subscriber, index)) {
				entries.add(new Slice.Entry(subscriber.subjectRef(), subscriber.subscriptionId(), subscriber.list(),
						null));
			}
		}
		return entries;
	}

	/** Whether the subject gets the campaign through a list before this one (one mail per subject). */
	private boolean reachedEarlier(Subscriber subscriber, int index) {
		for (int earlier = 0; earlier < index; earlier++) {
			Subscriber there = source.activeSubscription(subscriber.subjectRef(), lists.get(earlier));
			if (there != null && confirmedBy(there, startedAt)) {
				return true;
			}
		}
		return false;
	}

	/** The slice's cursor is its last entry: a resumed selection starts right after it. */
	private static boolean emit(List<Slice.Entry> pending, List<Integer> pendingLists, Sink sink) {
		Slice.Entry last = pending.get(pending.size() - 1);
		boolean go = sink.slice(List.copyOf(pending), pendingLists.get(pendingLists.size() - 1),
				last.subscriptionId());
		pending.clear();
		pendingLists.clear();
		return go;
	}
}
