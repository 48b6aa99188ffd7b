package dev.formgate.newsletter.campaign;

import dev.formgate.lease.Leases;
import dev.formgate.newsletter.mail.NewsletterMails;
import dev.formgate.newsletter.subscription.Recipients;
import dev.formgate.newsletter.subscription.SubscriptionProperties;
import dev.formgate.newsletter.subscription.SubscriptionService;
import dev.formgate.outbox.CloudEventsPublisher;
import dev.formgate.outbox.OutboxRelay;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * How campaigns are put together: rendering and the house template, the campaign relay (its events), and the work of
 * sending — the selection, the work topic {@code newsletter.campaign-slices} (binding {@code campaignSlices}: each
 * instance sends the slices of its partitions) and the dispatch that keeps campaigns moving.
 */
@Configuration(proxyBeanMethods = false)
class CampaignConfiguration {

	/** This instance's name in leases: random per start, so a restarted instance is another holder. */
	private static final String INSTANCE = UUID.randomUUID().toString();

	@Bean
	Rendering campaignRendering(CampaignProperties properties) {
		return new Rendering(properties.imageHosts());
	}

	@Bean
	CampaignRules campaignRules(Rendering rendering, Recipients recipients, CampaignProperties properties) {
		return new CampaignRules(rendering, recipients::isKnownList, properties);
	}

	/** The per-recipient token of campaign mails, signed with the link secret. */
	@Bean
	Verp campaignVerp(SubscriptionProperties subscriptions) {
		return new Verp(subscriptions.linkSecret().getBytes(StandardCharsets.UTF_8));
	}

	@Bean
	CampaignLetters campaignLetters(NewsletterMails mails, Rendering rendering, Recipients recipients,
			CampaignProperties properties, Verp verp, MessageSource messages) {
		return new CampaignLetters(mails, new HouseTemplate(properties.template(), messages), rendering, recipients,
				verp);
	}

	/** What comes back to the bounce address, and what it does (docs/operations.md, "Bounces and complaints"). */
	@Bean
	BounceMailbox bounceMailbox(BounceProperties properties, Verp verp, SubscriptionService subscriptions,
			Progresses progresses, DeliveryLog deliveries, CircuitBreakerRegistry breakers, MeterRegistry registry,
			MongoTemplate mongo, Clock clock) {
		return new BounceMailbox(properties, new ReturnedMail(verp),
				new Bounces(subscriptions, progresses, deliveries, properties.softBounceLimit()),
				breakers.circuitBreaker("bounce-mailbox"), registry, new Leases(mongo, clock), INSTANCE);
	}

	@Bean
	BounceMailboxJob bounceMailboxJob(BounceMailbox mailbox, BounceProperties properties) {
		return new BounceMailboxJob(mailbox, properties.enabled());
	}

	/** The campaigns' events on {@code newsletter.events}, keyed by campaign id; starts scheduled campaigns on time. */
	@Bean
	OutboxRelay<Campaign> campaignRelay(Campaigns campaigns, CloudEventsPublisher events,
			SubscriptionProperties subscriptions, Clock clock) {
		return OutboxRelay.builder("campaign-relay", campaigns, events, clock, subscriptions.relay()).build();
	}

	@Bean
	CampaignDispatch campaignDispatch(Campaigns campaigns, Slices slices, Progresses progresses, StreamBridge bridge,
			OutboxRelay<Campaign> relay, Clock clock) {
		return new CampaignDispatch(campaigns, slices, progresses, bridge, relay::wakeUp, clock);
	}

	@Bean(destroyMethod = "close")
	Selector campaignSelector(Recipients recipients, Slices slices, Progresses progresses, CampaignDispatch dispatch,
			CampaignProperties properties, Clock clock) {
		Selector selector = new Selector(recipients, slices, progresses, dispatch::handOut, properties.sending(),
				INSTANCE, clock);
		dispatch.selectWith(selector);
		return selector;
	}

	@Bean
	SliceWork sliceWork(Campaigns campaigns, Slices slices, Progresses progresses, Recipients recipients,
			CampaignLetters letters, NewsletterMails mails, DeliveryLog deliveries, CampaignDispatch dispatch,
			CampaignProperties properties, Clock clock) {
		return new SliceWork(campaigns, slices, progresses, recipients, letters, mails, deliveries,
				dispatch::finishIfComplete, properties.sending(), INSTANCE, clock);
	}

	/** The work topic's consumer: binding {@code campaignSlices-in-0}, one record (one slice) at a time. */
	@Bean
	Consumer<Message<byte[]>> campaignSlices(SliceWork work, JsonMapper json) {
		return message -> {
			SliceRecord record;
			try {
				record = json.readValue(message.getPayload(), SliceRecord.class);
			}
			catch (RuntimeException unreadable) {
				// not a slice record: nothing to send, nothing to retry
				org.slf4j.LoggerFactory.getLogger(SliceWork.class).warn("Skipped a record of the work topic that is "
						+ "not a slice ({})", unreadable.getClass().getSimpleName());
				return;
			}
			if (record.campaignId() != null && record.sliceId() != null) {
				work.handle(record);
			}
		};
	}

	@Bean
	CampaignService campaignService(Campaigns campaigns, Progresses progresses, CampaignRules rules,
			CampaignLetters letters, Recipients recipients, SubscriptionService subscriptions, NewsletterMails mails,
			CampaignDispatch dispatch, Selector selector, OutboxRelay<Campaign> relay, CampaignProperties properties,
			Clock clock) {
		return new CampaignService(campaigns, progresses, rules, letters, recipients, subscriptions, mails, dispatch,
				selector, relay, properties, clock);
	}
}
