package dev.formgate.newsletter.campaign;

import dev.formgate.newsletter.mail.NewsletterMails;
import dev.formgate.newsletter.subscription.Recipients;
import dev.formgate.outbox.MailDelivery;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Sends one slice of a campaign from this instance: takes it under a lease (waiting while another instance holds it),
 * skips the recipients who unsubscribed, were restricted or suppressed since the start, composes the others' mails and
 * sends them over the campaign's connections in parallel at its pace, shared by all instances ({@link Pace}). The
 * SMTP server's acceptance is recorded every {@code flush-every} mails per connection, with the lease, in one write
 * that holds only while the lease is this instance's: a crash repeats at most those in flight, and an instance that
 * lost its lease stops at once. A pause or cancel stops the slice within a batch; a slice the SMTP server could not
 * take waits and is handed out again.
 */
final class SliceWork {

	private static final Logger log = LoggerFactory.getLogger(SliceWork.class);

	private final Campaigns campaigns;
	private final Slices slices;
	private final Progresses progresses;
	private final Recipients recipients;
	private final CampaignLetters letters;
	private final NewsletterMails mails;
	private final DeliveryLog deliveries;
	private final Consumer<String> finished;
	private final CampaignProperties.Sending settings;
	private final String instance;
	private final Clock clock;

	SliceWork(Campaigns campaigns, Slices slices, Progresses progresses, Recipients recipients,
			CampaignLetters letters, NewsletterMails mails, DeliveryLog deliveries, Consumer<String> finished,
			CampaignProperties.Sending settings, String instance, Clock clock) {
		this.campaigns = campaigns;
		this.slices = slices;
		this.progresses = progresses;
		this.recipients = recipients;
		this.letters = letters;
		this.mails = mails;
		this.deliveries = deliveries;
		this.finished = finished;
		this.settings = settings;
		this.instance = instance;
		this.clock = clock;
	}

	/** Handles one record of the work topic. Never throws: a slice that cannot go now is left for later. */
	void handle(SliceRecord record) {
		Campaign campaign = campaigns.findById(record.campaignId());
		if (campaign == null || campaign.state() != CampaignState.SENDING) {
			return; // paused: handed out again on resume; cancelled or sent: nothing to do
		}
		Slice slice = claim(record.sliceId());
		if (slice == null) {
			return;
		}
		try {
			send(campaign, slice);
		}
		catch (RuntimeException e) {
			log.warn("Sending a campaign slice failed ({}), it is handed out again later", e.getClass().getSimpleName());
			try {
				slices.release(slice.id(), instance, clock.instant().plus(settings.retryAfter()));
			}
			catch (RuntimeException store) {
				// the store is down too: the lease runs out and the sweep hands the slice out again
			}
		}
	}

	/** Takes the slice, waiting while another instance holds it (a crash or a rebalance); null if it is done. */
	private Slice claim(String sliceId) {
		Instant giveUpAt = clock.instant().plus(settings.lease()).plusSeconds(5);
		while (true) {
			Instant now = clock.instant();
			Slice slice = slices.claim(sliceId, instance, now.plus(settings.lease()), now);
			if (slice != null) {
				return slice;
			}
			Slice current = slices.find(sliceId);
			if (current == null || current.done() || now.isAfter(giveUpAt)) {
				return null; // done, gone, or still held: the holder finishes it, or the sweep hands it out again
			}
			sleep(Duration.ofMillis(500));
		}
	}

	private void send(Campaign campaign, Slice slice) {
		Map<Integer, Slice.Entry> todo = new LinkedHashMap<>();
		for (int i = 0; i < slice.entries().size(); i++) {
			if (slice.entries().get(i).mark() == null) {
				todo.put(i, slice.entries().get(i));
			}
		}
		Map<String, Recipients.Addressee> active = recipients
			.activeNow(todo.values().stream().map(Slice.Entry::subscriptionId).toList());
		Set<String> excluded = recipients.excluded(todo.values().stream()
			.map(Slice.Entry::subjectRef).filter(java.util.Objects::nonNull).toList());
		Map<Integer, Slice.Mark> skipped = new HashMap<>();
		List<Outgoing> outgoing = new ArrayList<>();
		todo.forEach((index, entry) -> {
			Recipients.Addressee to = active.get(entry.subscriptionId());
			if (to == null || excluded.contains(entry.subjectRef())) {
				skipped.put(index, Slice.Mark.SKIPPED);
			}
			else {
				outgoing.add(new Outgoing(index, entry, to));
			}
		});
		if (!skipped.isEmpty()) {
			Instant now = clock.instant();
			if (!slices.mark(slice.id(), instance, skipped, now.plus(settings.lease()), now)) {
				return;
			}
			progresses.counted(campaign.id(), 0, 0, skipped.size(), now);
		}
		Gate gate = new Gate(campaign.id(), slice.id(), outgoing.size());
		boolean unavailable = sendOver(outgoing, campaign, slice.id(), gate);
		if (gate.lostLease) {
			return;
		}
		Slice after = slices.find(slice.id());
		boolean allMarked = after != null && after.entries().stream().allMatch(e -> e.mark() != null);
		if (allMarked) {
			if (slices.finish(slice.id(), instance)) {
				progresses.sliceDone(campaign.id());
				finished.accept(campaign.id());
			}
		}
		else {
			slices.release(slice.id(), instance, unavailable ? clock.instant().plus(settings.retryAfter()) : null);
		}
	}

	/** A recipient still to be mailed and where they stand in the slice. */
	private record Outgoing(int index, Slice.Entry entry, Recipients.Addressee to) {
	}

	/**
	 * The mails over at most the campaign's connections in parallel, each connection composing its own share (so
	 * composing is spread over the connections, not done for the whole slice before the first mail goes out); true if
	 * the SMTP server was unreachable.
	 */
	private boolean sendOver(List<Outgoing> outgoing, Campaign campaign, String sliceId, Gate gate) {
		if (outgoing.isEmpty()) {
			return false;
		}
		var bodies = letters.bodies(campaign);
		int n = Math.min(campaign.pace().connections(), outgoing.size());
		List<List<Outgoing>> parts = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			parts.add(new ArrayList<>());
		}
		for (int i = 0; i < outgoing.size(); i++) {
			parts.get(i % n).add(outgoing.get(i));
		}
		boolean unavailable = false;
		try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Boolean>> sending = new ArrayList<>();
			for (List<Outgoing> part : parts) {
				sending.add(parallel.submit(() -> sendOne(part, campaign, bodies, sliceId, gate)));
			}
			for (Future<Boolean> result : sending) {
				try {
					unavailable |= result.get();
				}
				catch (ExecutionException e) {
					gate.stop();
					if (!(e.getCause() instanceof LeaseLost)) {
						throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
					}
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while a campaign slice was sent", e);
				}
			}
		}
		return unavailable;
	}

	/** One connection's share, composed and sent; true if the server was unreachable. */
	private boolean sendOne(List<Outgoing> part, Campaign campaign, Map<String, Rendering.Body> bodies, String sliceId,
			Gate gate) {
		Map<MimeMessage, Outgoing> byMessage = new IdentityHashMap<>();
		List<MimeMessage> messages = new ArrayList<>(part.size());
		for (Outgoing outgoing : part) {
			MimeMessage message = letters.compose(campaign, bodies, outgoing.to());
			byMessage.put(message, outgoing);
			messages.add(message);
		}
		Batch batch = new Batch(campaign.id(), sliceId, gate);
		MailDelivery.Delivered delivered = mails.send(messages, message -> {
			batch.add(byMessage.get(message), Slice.Mark.SENT);
			if (batch.isDue()) {
				batch.flush();
			}
		}, gate);
		for (MimeMessage refused : delivered.refused()) {
			batch.add(byMessage.get(refused), Slice.Mark.FAILED);
		}
		batch.flush();
		return delivered.unavailable();
	}

	/** The marks of one connection not yet written. */
	private final class Batch {

		private final String campaignId;
		private final String sliceId;
		private final Gate gate;
		private final Map<Integer, Slice.Mark> marks = new HashMap<>();
		private final Map<String, String> received = new HashMap<>();
		private int sent;
		private int failed;
		private Instant flushedAt = clock.instant();

		Batch(String campaignId, String sliceId, Gate gate) {
			this.campaignId = campaignId;
			this.sliceId = sliceId;
			this.gate = gate;
		}

		/** Full, or a second old: at a slow pace the progress still moves every second. */
		boolean isDue() {
			return marks.size() >= settings.flushEvery()
					|| !clock.instant().isBefore(flushedAt.plusSeconds(1));
		}

		void add(Outgoing mail, Slice.Mark mark) {
			marks.put(mail.index(), mark);
			if (mark == Slice.Mark.SENT) {
				sent++;
				if (mail.entry().subjectRef() != null) {
					received.put(mail.entry().subjectRef(), mail.entry().list());
				}
			}
			else {
				failed++;
			}
		}

		/** Writes the marks with the lease; throws {@link LeaseLost} (stopping the batch) if the lease is gone. */
		void flush() {
			if (marks.isEmpty()) {
				return;
			}
			Instant now = clock.instant();
			if (!slices.mark(sliceId, instance, marks, now.plus(settings.lease()), now)) {
				gate.lostLease = true;
				gate.stop();
				throw new LeaseLost();
			}
			gate.renewed(now);
			flushedAt = now;
			progresses.counted(campaignId, sent, failed, 0, now);
			deliveries.record(campaignId, received, now);
			marks.clear();
			received.clear();
			sent = 0;
			failed = 0;
		}
	}

	/** Another instance holds the slice now: this one must not send another mail of it. */
	private static final class LeaseLost extends RuntimeException {

		LeaseLost() {
			super("lease lost", null, false, false);
		}
	}

	/**
	 * Before each mail of the slice: the campaign still sending, the lease still held, and a permit of the shared rate.
	 * Permits are taken a batch at a time and shared by the slice's connections ({@link #batch}); while one connection
	 * fetches the next batch (three store commands) the others wait for it.
	 */
	private final class Gate implements MailDelivery.Gate {

		private final String campaignId;
		private final String sliceId;
		private int permits;
		/** Mails of the slice not admitted yet: no more permits than these are taken, so none go unused at its end. */
		private int unadmitted;
		private volatile boolean stopped;
		volatile boolean lostLease;
		private volatile Instant renewedAt;

		Gate(String campaignId, String sliceId, int mails) {
			this.campaignId = campaignId;
			this.sliceId = sliceId;
			this.unadmitted = mails;
			this.renewedAt = clock.instant();
		}

		/**
		 * Permits taken at once: a tenth of a second's rate, at least {@code flush-every} and at most ten times that,
		 * and never more than the slice still needs. At a high rate a connection then fetches permits (and checks for
		 * a pause) every tenth of a second rather than every {@code flush-every} mails, which held up the other
		 * connections fifty times a second at 1,000 mails/s (9 % of the service's CPU while it sent, BENCHMARKS.md).
		 */
		private int batch(int rate) {
			int flushEvery = settings.flushEvery();
			int tenth = Math.max(flushEvery, Math.min(rate / 10, 10 * flushEvery));
			return Math.max(1, Math.min(tenth, unadmitted));
		}

		void stop() {
			stopped = true;
		}

		void renewed(Instant at) {
			renewedAt = at;
		}

		@Override
		public synchronized boolean admit(MimeMessage next) {
			while (!stopped) {
				if (permits > 0) {
					permits--;
					unadmitted--;
					return true;
				}
				Campaign campaign = campaigns.stateOf(campaignId);
				if (campaign == null || campaign.state() != CampaignState.SENDING) {
					stopped = true;
					break;
				}
				Instant now = clock.instant();
				if (Duration.between(renewedAt, now).compareTo(settings.lease().dividedBy(3)) > 0) {
					if (!slices.mark(sliceId, instance, Map.of(), now.plus(settings.lease()), now)) {
						lostLease = true;
						stopped = true;
						break;
					}
					renewedAt = now;
				}
				permits = progresses.permits(campaignId, campaign.pace().rate(), batch(campaign.pace().rate()),
						now.getEpochSecond());
				if (permits == 0) {
					sleep(Duration.ofMillis(1000 - now.toEpochMilli() % 1000 + 1));
				}
			}
			return false;
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}
}
