package dev.formgate.events;

import java.time.Instant;
import java.util.List;

/**
 * Facts published by newsletter-service on {@link Topics#NEWSLETTER_EVENTS}: a subscription's, keyed by its
 * subjectRef, and a campaign's, keyed by its campaign id. None of them carries an e-mail address, IP address or any
 * other plaintext personal data.
 */
public sealed interface NewsletterEvent {

	Instant occurredAt();

	/** Someone asked to subscribe; a confirmation mail is on its way. */
	record SubscriptionRequested(SubjectRef subjectRef, SubscriptionId subscriptionId, String list, String language,
			Instant occurredAt) implements NewsletterEvent {
	}

	/** The address owner clicked the confirmation link and pressed the button: consent is given. */
	record SubscriptionConfirmed(SubjectRef subjectRef, SubscriptionId subscriptionId, String list,
			String consentTextVersion, Instant occurredAt) implements NewsletterEvent {
	}

	/**
	 * Consent withdrawn, through the link, the RFC 8058 one-click POST, a mail to the {@code mailto:} of a campaign
	 * mail's List-Unsubscribe header ({@code EMAIL}), by an admin on request, or by a data-subject request withdrawing
	 * every consent ({@code WITHDRAWAL}, from the self-service page or the privacy officer); or ended because mails to
	 * the address bounced ({@code BOUNCE}) or its owner reported one as spam ({@code COMPLAINT}).
	 */
	record Unsubscribed(SubjectRef subjectRef, SubscriptionId subscriptionId, String list, Reason reason,
			Instant occurredAt) implements NewsletterEvent {

		public enum Reason {
			LINK, ONE_CLICK, ADMIN, WITHDRAWAL, EMAIL, BOUNCE, COMPLAINT
		}
	}

	/** A sign-up was never confirmed and its personal data was deleted by the retention policy. */
	record SubscriptionExpired(SubjectRef subjectRef, SubscriptionId subscriptionId, String list, Instant occurredAt)
			implements NewsletterEvent {
	}

	/** A campaign to these lists is to go out at {@code scheduledFor}; keyed by the campaign id. */
	record CampaignScheduled(CampaignId campaignId, List<String> lists, Instant scheduledFor, Instant occurredAt)
			implements NewsletterEvent {
	}

	/** A campaign started sending: its recipients are those confirmed by now; keyed by the campaign id. */
	record CampaignSendingStarted(CampaignId campaignId, List<String> lists, Instant occurredAt)
			implements NewsletterEvent {
	}

	/**
	 * A campaign went to every recipient: how many it had, how many mails the SMTP server accepted or refused, and how
	 * many were skipped because the person unsubscribed, was restricted or erased meanwhile; keyed by the campaign id.
	 */
	record CampaignSent(CampaignId campaignId, List<String> lists, long recipients, long sent, long failed,
			long skipped, Instant occurredAt) implements NewsletterEvent {
	}

	/**
	 * A campaign mail to this subscription came back as undeliverable (an RFC 3464 delivery status notification):
	 * {@code HARD} (a permanent 5.x.x failure) ends the subscription, {@code SOFT} (a transient 4.x.x one) counts, and
	 * {@code softBounces} in a row end it ({@code ended}); keyed by the subjectRef.
	 */
	record SubscriptionBounced(SubjectRef subjectRef, SubscriptionId subscriptionId, String list,
			CampaignId campaignId, Kind kind, int softBounces, boolean ended, Instant occurredAt)
			implements NewsletterEvent {

		public enum Kind {
			HARD, SOFT
		}
	}

	/**
	 * The recipient of a campaign mail reported it as spam (an RFC 5965 feedback report): their subscriptions end and
	 * the subject is suppressed; keyed by the subjectRef.
	 */
	record ComplaintReceived(SubjectRef subjectRef, SubscriptionId subscriptionId, String list, CampaignId campaignId,
			Instant occurredAt) implements NewsletterEvent {
	}
}
