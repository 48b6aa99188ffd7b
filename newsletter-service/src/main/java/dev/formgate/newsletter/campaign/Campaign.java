package dev.formgate.newsletter.campaign;

import dev.formgate.events.CampaignId;
import dev.formgate.events.NewsletterEvent;
import dev.formgate.outbox.Outbox;
import dev.formgate.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One newsletter campaign: what it says per language, which lists it goes to, how fast, and where it is
 * ({@link CampaignState}). It holds no personal data: who gets it is fixed when it starts sending, in its recipient
 * slices. Its events go out through its own outbox, recorded with each step; the relay also looks at a scheduled
 * campaign at its time and starts it ({@link #startIfDue}).
 */
@Document("campaigns")
class Campaign {

	@Id
	private String id;

	@Version
	private Long version;

	private Map<String, Content> content = new LinkedHashMap<>();

	private List<String> lists = List.of();

	/** Indexed: the sweep asks every few seconds for the campaigns underway ({@code state $in}). */
	@Indexed
	private CampaignState state;

	private Pace pace;

	/** Shown in the public archive from the moment it starts sending, unless withdrawn. */
	private boolean archive;

	private Instant scheduledAt;

	private Instant createdAt;

	private Instant updatedAt;

	/** When it started sending: its recipients are the subscriptions confirmed by then. */
	private Instant startedAt;

	private Instant finishedAt;

	@Unwrapped.Empty
	private Outbox outbox = new Outbox();

	protected Campaign() {
	}

	static Campaign draft(Draft draft, Instant now) {
		Campaign c = new Campaign();
		c.id = Base32.randomId(8);
		c.state = CampaignState.DRAFT;
		c.createdAt = now;
		c.apply(draft, now);
		return c;
	}

	/** The editor changed what it says, where it goes or how fast; only before it starts sending. */
	void edit(Draft draft, Instant now) {
		if (!state.isEditable()) {
			throw new CampaignNotEditable(state);
		}
		apply(draft, now);
	}

	private void apply(Draft draft, Instant now) {
		this.content = new LinkedHashMap<>(draft.content());
		this.lists = List.copyOf(draft.lists());
		this.pace = draft.pace();
		this.archive = draft.archive();
		this.updatedAt = now;
	}

	/** To go out at {@code at}; scheduling again moves the time. */
	void schedule(Instant at, Instant now) {
		move(CampaignState.SCHEDULED);
		this.scheduledAt = at;
		this.updatedAt = now;
		record(new NewsletterEvent.CampaignScheduled(campaignId(), lists, at, now), now);
		outbox.lookAt(at);
	}

	/** Starts sending now: the recipients are the subscriptions confirmed by now. */
	void start(Instant now) {
		move(CampaignState.SENDING);
		this.startedAt = now;
		this.updatedAt = now;
		record(new NewsletterEvent.CampaignSendingStarted(campaignId(), lists, now), now);
	}

	/** The relay looks at a scheduled campaign at its time: it starts. Returns whether it did. */
	boolean startIfDue(Instant now) {
		if (state == CampaignState.SCHEDULED && !now.isBefore(scheduledAt)) {
			start(now);
			return true;
		}
		return false;
	}

	/** Its events went out; a scheduled campaign keeps the relay's appointment at its time. */
	void keepAppointment() {
		if (state == CampaignState.SCHEDULED) {
			outbox.lookAt(scheduledAt);
		}
	}

	void pause(Instant now) {
		move(CampaignState.PAUSED);
		this.updatedAt = now;
	}

	void resume(Instant now) {
		if (state != CampaignState.PAUSED) {
			throw new IllegalCampaignStateChange(state, CampaignState.SENDING);
		}
		move(CampaignState.SENDING);
		this.updatedAt = now;
	}

	void cancel(Instant now) {
		move(CampaignState.CANCELLED);
		this.updatedAt = now;
		this.finishedAt = now;
		outbox.lookAt(null);
	}

	/** Every recipient had their turn: the campaign is sent, with its figures. */
	void finish(long recipients, long sent, long failed, long skipped, Instant now) {
		move(CampaignState.SENT);
		this.updatedAt = now;
		this.finishedAt = now;
		record(new NewsletterEvent.CampaignSent(campaignId(), lists, recipients, sent, failed, skipped, now), now);
	}

	/** The pace may change until it is sent: a slower one takes effect within a second. */
	void changePace(Pace pace, Instant now) {
		if (state.isFinal()) {
			throw new CampaignNotEditable(state);
		}
		this.pace = pace;
		this.updatedAt = now;
	}

	/** Taken out of the public archive (its page answers 404 from now on). */
	void withdrawFromArchive(Instant now) {
		this.archive = false;
		this.updatedAt = now;
	}

	private void move(CampaignState next) {
		if (!state.canMoveTo(next)) {
			throw new IllegalCampaignStateChange(state, next);
		}
		this.state = next;
	}

	private void record(NewsletterEvent event, Instant now) {
		outbox.record(OutboxEvent.of(id, event, now), now);
	}

	/** Shown in the public archive now: it went out (or is going out) and was not withdrawn. */
	boolean isArchived() {
		return archive && (state.isUnderway() || state == CampaignState.SENT);
	}

	/** The content in a language, falling back to German. */
	Content contentIn(String language) {
		Content in = content.get(language);
		return in != null ? in : content.get("de");
	}

	String id() {
		return id;
	}

	CampaignId campaignId() {
		return new CampaignId(id);
	}

	Map<String, Content> content() {
		return Map.copyOf(content);
	}

	List<String> lists() {
		return lists;
	}

	CampaignState state() {
		return state;
	}

	Pace pace() {
		return pace;
	}

	boolean archive() {
		return archive;
	}

	Instant scheduledAt() {
		return scheduledAt;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}

	Instant startedAt() {
		return startedAt;
	}

	Instant finishedAt() {
		return finishedAt;
	}

	Outbox outbox() {
		return outbox;
	}
}
