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
	 * Consent withdrawn, through the link, the RFC 8058 one-click POST, by an admin on request, or by a data-subject
	 * request withdrawing every consent ({@code WITHDRAWAL}, from the self-service page or the privacy officer).
	 */
	record Unsubscribed(SubjectRef subjectRef, SubscriptionId subscriptionId, String list, Reason reason,
			Instant occurredAt) implements NewsletterEvent {

		public enum Reason {
			LINK, ONE_CLICK, ADMIN, WITHDRAWAL
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
}
