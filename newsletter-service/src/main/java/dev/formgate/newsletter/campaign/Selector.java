package dev.formgate.newsletter.campaign;

import dev.formgate.newsletter.subscription.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fixes a campaign's recipients once it starts: one instance at a time, under a lease in the campaign's progress,
 * streams its lists ({@link RecipientSelection}), writes each slice and hands it to the work topic at once, so that
 * sending starts with the first slice, not after the last. After a crash the next instance goes on from the last
 * slice written (handing it out again, in case it never left).
 */
final class Selector implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Selector.class);

	private final Recipients recipients;
	private final Slices slices;
	private final Progresses progresses;
	private final Consumer<Slice> handOut;
	private final CampaignProperties.Sending settings;
	private final String instance;
	private final Clock clock;
	private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform()
		.name("campaign-selector").daemon().factory());
	private final Set<String> running = ConcurrentHashMap.newKeySet();

	Selector(Recipients recipients, Slices slices, Progresses progresses, Consumer<Slice> handOut,
			CampaignProperties.Sending settings, String instance, Clock clock) {
		this.recipients = recipients;
		this.slices = slices;
		this.progresses = progresses;
		this.handOut = handOut;
		this.settings = settings;
		this.instance = instance;
		this.clock = clock;
	}

	/** Selects the campaign's recipients in the background, unless this instance is at it already. */
	void select(Campaign campaign) {
		if (running.add(campaign.id())) {
			worker.execute(() -> {
				try {
					selectNow(campaign);
				}
				catch (RuntimeException e) {
					log.warn("Selecting a campaign's recipients failed ({}), another sweep goes on", e.getClass()
						.getSimpleName());
				}
				finally {
					running.remove(campaign.id());
				}
			});
		}
	}

	/** On the caller's thread (for tests); false if another instance selects or it is done. */
	boolean selectNow(Campaign campaign) {
		String id = campaign.id();
		if (!progresses.claimSelection(id, instance, leaseEnd(), clock.instant())) {
			return false;
		}
		Progress progress = progresses.find(id);
		int number = progress.slices();
		int listIndex = progress.cursorList();
		String afterId = progress.cursorId();
		// A slice written just before a crash, whose progress was not recorded: hand it out again and go on after it.
		for (Slice written = slices.find(Slice.id(id, number)); written != null; written = slices
			.find(Slice.id(id, number))) {
			handOut.accept(written);
			if (!progresses.selected(id, instance, written, leaseEnd())) {
				return false;
			}
			number++;
			listIndex = written.listIndex();
			afterId = written.lastId();
		}
		int[] next = { number };
		var selection = new RecipientSelection(campaign.lists(), campaign.startedAt(), settings.sliceSize(),
				new RecipientSelection.Source() {
					@Override
					public Stream<Recipients.Subscriber> activeOn(String list, String after) {
						return recipients.activeOn(list, after);
					}

					@Override
					public Set<String> excluded(Collection<String> subjectRefs) {
						return recipients.excluded(subjectRefs);
					}

					@Override
					public Recipients.Subscriber activeSubscription(String subjectRef, String list) {
						return recipients.activeSubscription(subjectRef, list);
					}
				});
		boolean finished = selection.run(listIndex, afterId, (entries, index, lastId) -> {
			Slice slice = Slice.of(id, next[0], index, lastId, entries, clock.instant());
			slices.insert(slice);
			handOut.accept(slice);
			next[0]++;
			return progresses.selected(id, instance, slice, leaseEnd());
		});
		if (finished) {
			progresses.selectionDone(id, instance);
		}
		return finished;
	}

	private Instant leaseEnd() {
		return clock.instant().plus(settings.lease());
	}

	@Override
	public void close() {
		worker.shutdownNow();
	}
}
