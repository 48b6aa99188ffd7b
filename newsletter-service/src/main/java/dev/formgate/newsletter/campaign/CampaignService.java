package dev.formgate.newsletter.campaign;

import dev.formgate.newsletter.mail.NewsletterMails;
import dev.formgate.newsletter.subscription.Recipients;
import dev.formgate.newsletter.subscription.SubscriptionService;
import dev.formgate.newsletter.subscription.UnsubscribedFromCampaign;
import dev.formgate.outbox.OutboxRelay;
import dev.formgate.web.InvalidInputException;
import dev.formgate.web.InvalidInputException.FieldProblem;
import dev.formgate.web.ProblemException;
import dev.formgate.web.ProblemType;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.event.EventListener;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What editors do with campaigns: write, preview, test, schedule or send, pause, resume, cancel, and take one out of
 * the public archive. Each change is one versioned write of the campaign, with the event it owes; a refused step
 * changes nothing.
 */
public class CampaignService {

	private final Campaigns campaigns;
	private final Progresses progresses;
	private final CampaignRules rules;
	private final CampaignLetters letters;
	private final Recipients recipients;
	private final SubscriptionService subscriptions;
	private final NewsletterMails mails;
	private final CampaignDispatch dispatch;
	private final Selector selector;
	private final OutboxRelay<Campaign> relay;
	private final CampaignProperties properties;
	private final Clock clock;

	CampaignService(Campaigns campaigns, Progresses progresses, CampaignRules rules, CampaignLetters letters,
			Recipients recipients, SubscriptionService subscriptions, NewsletterMails mails, CampaignDispatch dispatch,
			Selector selector, OutboxRelay<Campaign> relay, CampaignProperties properties, Clock clock) {
		this.campaigns = campaigns;
		this.progresses = progresses;
		this.rules = rules;
		this.letters = letters;
		this.recipients = recipients;
		this.subscriptions = subscriptions;
		this.mails = mails;
		this.dispatch = dispatch;
		this.selector = selector;
		this.relay = relay;
		this.properties = properties;
		this.clock = clock;
	}

	public CampaignView create(CampaignForm form) {
		Campaign campaign = Campaign.draft(rules.draft(form), clock.instant());
		campaigns.insert(campaign);
		return view(campaign);
	}

	public CampaignView edit(String id, CampaignForm form) {
		Draft draft = rules.draft(form);
		return view(campaigns.change(id, campaign -> {
			campaign.edit(draft, clock.instant());
			return campaign;
		}));
	}

	public CampaignView find(String id) {
		Campaign campaign = campaigns.findById(id);
		if (campaign == null) {
			throw new CampaignNotFound();
		}
		return view(campaign);
	}

	public CampaignView.Page page(CampaignState state, int page, int size) {
		List<Campaign> found = campaigns.page(state, page, size);
		Map<String, Progress> progress = progresses.findAll(found.stream().map(Campaign::id).toList()).stream()
			.collect(Collectors.toMap(Progress::campaignId, Function.identity()));
		Instant now = clock.instant();
		return new CampaignView.Page(found.stream().map(c -> CampaignView.of(c, progress.get(c.id()), now)).toList(),
				page, size, campaigns.count(state));
	}

	/** To go out at {@code at} (in the future); refused for lists nobody is confirmed on. */
	public CampaignView schedule(String id, Instant at) {
		if (at == null || !at.isAfter(clock.instant())) {
			throw new InvalidInputException(FieldProblem.invalid("at", "A time in the future."));
		}
		return view(campaigns.change(id, campaign -> {
			requireRecipients(campaign);
			campaign.schedule(at, clock.instant());
			relay.wakeUp(id);
			return campaign;
		}));
	}

	/** Starts sending now; refused when it already started (409) or nobody is confirmed on its lists. */
	public CampaignView send(String id) {
		Campaign started = campaigns.change(id, campaign -> {
			requireRecipients(campaign);
			campaign.start(clock.instant());
			return campaign;
		});
		relay.wakeUp(id);
		progresses.begin(id);
		selector.select(started);
		return view(started);
	}

	public CampaignView pause(String id) {
		return view(campaigns.change(id, campaign -> {
			campaign.pause(clock.instant());
			return campaign;
		}));
	}

	public CampaignView resume(String id) {
		Campaign resumed = campaigns.change(id, campaign -> {
			campaign.resume(clock.instant());
			return campaign;
		});
		dispatch.resumed(id);
		selector.select(resumed);
		return view(resumed);
	}

	public CampaignView cancel(String id) {
		Campaign cancelled = campaigns.change(id, campaign -> {
			campaign.cancel(clock.instant());
			return campaign;
		});
		relay.wakeUp(id);
		return view(cancelled);
	}

	/** A new pace, in effect within a second on every instance. */
	public CampaignView changePace(String id, Integer rate, Integer connections) {
		Pace pace = rules.pace(rate, connections);
		return view(campaigns.change(id, campaign -> {
			campaign.changePace(pace, clock.instant());
			return campaign;
		}));
	}

	public CampaignView withdrawFromArchive(String id) {
		return view(campaigns.change(id, campaign -> {
			campaign.withdrawFromArchive(clock.instant());
			return campaign;
		}));
	}

	/** What a subscriber in this language would get (German when the campaign has no English). */
	public CampaignView.Preview preview(String id, String language) {
		Campaign campaign = campaigns.findById(id);
		if (campaign == null) {
			throw new CampaignNotFound();
		}
		var letter = letters.preview(campaign, language);
		String lang = campaign.content().containsKey(language) ? language : "de";
		return new CampaignView.Preview(lang, letter.subject(), letter.html(), letter.text());
	}

	/**
	 * A test mail in each of the campaign's languages to each of these staff addresses (all configured test
	 * recipients when none are named); only configured test recipients can get one. Returns how many went out.
	 */
	public int testSend(String id, List<String> to) {
		Campaign campaign = campaigns.findById(id);
		if (campaign == null) {
			throw new CampaignNotFound();
		}
		Set<String> allowed = properties.testRecipients().stream().map(a -> a.toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		if (allowed.isEmpty()) {
			throw new InvalidInputException(new FieldProblem("to", "not-allowed",
					"No test recipients are configured (formgate.newsletter.campaigns.test-recipients)."));
		}
		List<String> addresses = to == null || to.isEmpty() ? properties.testRecipients() : to;
		if (addresses.stream().anyMatch(a -> a == null || !allowed.contains(a.strip().toLowerCase(Locale.ROOT)))) {
			throw new InvalidInputException(new FieldProblem("to", "not-allowed",
					"Test mails go only to the configured test recipients."));
		}
		List<MimeMessage> tests = new ArrayList<>();
		for (String address : addresses) {
			for (String language : campaign.content().keySet()) {
				tests.add(letters.test(campaign, language, address.strip()));
			}
		}
		int[] accepted = { 0 };
		var delivered = mails.send(tests, message -> accepted[0]++);
		if (delivered.unavailable()) {
			throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
					"The SMTP server cannot be reached; no test mail went out. Try again in a few minutes.");
		}
		return accepted[0];
	}

	/** The campaigns in the public archive, newest first: ids, subjects in the language, and when they went out. */
	public List<CampaignView.Archived> archive(String language) {
		return campaigns.archived().stream().map(c -> new CampaignView.Archived(c.id(), language,
				c.contentIn(language).subject(), null, c.startedAt())).toList();
	}

	/** One campaign's page in the public archive, or {@link CampaignNotFound} unless it is there. */
	public CampaignView.Archived archived(String id, String language) {
		Campaign campaign = campaigns.findById(id);
		if (campaign == null || !campaign.isArchived()) {
			throw new CampaignNotFound();
		}
		var preview = letters.bodies(campaign);
		String lang = campaign.content().containsKey(language) ? language : "de";
		return new CampaignView.Archived(id, lang, campaign.contentIn(lang).subject(), preview.get(lang).html(),
				campaign.startedAt());
	}

	/**
	 * A person unsubscribed with a campaign mail's link: the campaign counts it, and their subscriptions to its other
	 * lists end too (they asked to get this newsletter no more).
	 */
	@EventListener
	void unsubscribedFromCampaign(UnsubscribedFromCampaign event) {
		Campaign campaign = campaigns.findById(event.campaignId());
		if (campaign == null) {
			return;
		}
		progresses.count(campaign.id(), "unsubscribed");
		List<String> others = campaign.lists().stream().filter(list -> !list.equals(event.list())).toList();
		subscriptions.unsubscribeSubject(event.subjectRef(), others, event.reason());
	}

	private void requireRecipients(Campaign campaign) {
		if (campaign.state().isEditable() && !recipients.anyActiveOn(campaign.lists())) {
			throw new ProblemException(ProblemType.CAMPAIGN_WITHOUT_RECIPIENTS);
		}
	}

	private CampaignView view(Campaign campaign) {
		return CampaignView.of(campaign, progresses.find(campaign.id()), clock.instant());
	}
}
