package dev.formgate.newsletter.campaign;

import dev.formgate.newsletter.subscription.Recipients.Subscriber;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets a campaign: confirmed by its start, not restricted or suppressed, once per subject across its lists; cut
 * into slices that a crashed selection can go on from.
 */
class RecipientSelectionTests {

	static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

	final List<Subscriber> subscriptions = new ArrayList<>();
	final Set<String> excluded = new HashSet<>();

	final RecipientSelection.Source source = new RecipientSelection.Source() {
		@Override
		public Stream<Subscriber> activeOn(String list, String afterId) {
			return subscriptions.stream().filter(s -> s.list().equals(list))
				.filter(s -> afterId == null || s.subscriptionId().compareTo(afterId) > 0)
				.sorted(Comparator.comparing(Subscriber::subscriptionId));
		}

		@Override
		public Set<String> excluded(Collection<String> subjectRefs) {
			Set<String> found = new HashSet<>(subjectRefs);
			found.retainAll(excluded);
			return found;
		}

		@Override
		public Subscriber activeSubscription(String subjectRef, String list) {
			return subscriptions.stream().filter(s -> s.subjectRef().equals(subjectRef) && s.list().equals(list))
				.findFirst().orElse(null);
		}
	};

	void subscribe(String id, String subject, String list, Instant confirmedAt) {
		subscriptions.add(new Subscriber(id, subject, list, "de", confirmedAt));
	}

	List<List<Slice.Entry>> select(List<String> lists, int sliceSize) {
		List<List<Slice.Entry>> slices = new ArrayList<>();
		boolean done = new RecipientSelection(lists, START, sliceSize, source)
			.run(0, null, (entries, listIndex, lastId) -> slices.add(entries));
		assertThat(done).isTrue();
		return slices;
	}

	static List<String> subjects(List<List<Slice.Entry>> slices) {
		return slices.stream().flatMap(List::stream).map(Slice.Entry::subjectRef).toList();
	}

	@Test
	void takesThoseConfirmedByTheStartOnly() {
		subscribe("a1", "anna", "news", START.minusSeconds(60));
		subscribe("a2", "bert", "news", START);
		subscribe("a3", "carl", "news", START.plusSeconds(1));
		subscribe("a4", "dora", "news", null);

		assertThat(subjects(select(List.of("news"), 10))).containsExactly("anna", "bert");
	}

	@Test
	void leavesOutRestrictedAndSuppressedSubjects() {
		subscribe("a1", "anna", "news", START.minusSeconds(60));
		subscribe("a2", "rita-restricted", "news", START.minusSeconds(60));
		subscribe("a3", "sven-suppressed", "news", START.minusSeconds(60));
		excluded.addAll(Set.of("rita-restricted", "sven-suppressed"));

		assertThat(subjects(select(List.of("news"), 10))).containsExactly("anna");
	}

	@Test
	void sendsOneMailPerSubjectThroughTheFirstOfTheirListsThatCounts() {
		subscribe("a1", "anna", "news", START.minusSeconds(60));
		subscribe("b1", "anna", "events", START.minusSeconds(60));
		subscribe("b2", "bert", "events", START.minusSeconds(60));
		// confirmed on news only after the start: gets it through events, where they were confirmed before
		subscribe("a2", "carl", "news", START.plusSeconds(5));
		subscribe("b3", "carl", "events", START.minusSeconds(60));

		List<Slice.Entry> entries = select(List.of("news", "events"), 10).stream().flatMap(List::stream).toList();

		assertThat(entries).extracting(Slice.Entry::subjectRef).containsExactlyInAnyOrder("anna", "bert", "carl");
		assertThat(entries).filteredOn(e -> e.subjectRef().equals("anna")).extracting(Slice.Entry::list)
			.containsExactly("news");
		assertThat(entries).filteredOn(e -> e.subjectRef().equals("carl")).extracting(Slice.Entry::list)
			.containsExactly("events");
	}

	@Test
	void cutsSlicesWhoseCursorLetsACrashedSelectionGoOnWithoutGapOrRepeat() {
		for (int i = 0; i < 25; i++) {
			subscribe(String.format("n%02d", i), "n" + i, "news", START.minusSeconds(60));
		}
		for (int i = 0; i < 7; i++) {
			subscribe(String.format("e%02d", i), "e" + i, "events", START.minusSeconds(60));
		}
		List<String> lists = List.of("news", "events");
		List<int[]> cursors = new ArrayList<>();
		List<String> lastIds = new ArrayList<>();
		List<List<Slice.Entry>> first = new ArrayList<>();
		// the selection "crashes" after its second slice
		boolean done = new RecipientSelection(lists, START, 10, source).run(0, null, (entries, index, lastId) -> {
			first.add(entries);
			cursors.add(new int[] { index });
			lastIds.add(lastId);
			return first.size() < 2;
		});
		assertThat(done).isFalse();
		List<List<Slice.Entry>> rest = new ArrayList<>();
		new RecipientSelection(lists, START, 10, source).run(cursors.get(1)[0], lastIds.get(1),
				(entries, index, lastId) -> rest.add(entries));

		List<String> all = new ArrayList<>(subjects(first));
		all.addAll(subjects(rest));
		assertThat(all).hasSize(32).doesNotHaveDuplicates();
		assertThat(first).allSatisfy(slice -> assertThat(slice).hasSize(10));
		assertThat(rest).extracting(List::size).containsExactly(10, 2);
	}

	@Test
	void selectsNobodyFromEmptyLists() {
		assertThat(select(List.of("news"), 10)).isEmpty();
	}
}
