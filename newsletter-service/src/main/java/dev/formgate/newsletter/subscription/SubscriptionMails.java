package dev.formgate.newsletter.subscription;

import dev.formgate.newsletter.mail.NewsletterMails;
import dev.formgate.outbox.MailComposer;
import dev.formgate.outbox.OwedMail;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Composes a subscription's owed mails when they go out. A confirmation mail carries a fresh token, whose hash the
 * subscription keeps (the relay saves it before the mail leaves); a mail that no longer fits the state is dropped.
 */
@Component
class SubscriptionMails implements MailComposer<Subscription> {

	private final NewsletterMails mails;
	private final Tokens tokens;
	private final SubscriptionProperties properties;

	SubscriptionMails(NewsletterMails mails, Tokens tokens, SubscriptionProperties properties) {
		this.mails = mails;
		this.tokens = tokens;
		this.properties = properties;
	}

	@Override
	public Optional<MimeMessage> compose(Subscription subscription, OwedMail mail, Instant now) {
		String title = properties.lists().containsKey(subscription.list())
				? properties.lists().get(subscription.list()).in(subscription.language()) : subscription.list();
		return switch (mail.kind(Subscription.Mail.class)) {
			case CONFIRMATION -> {
				if (subscription.state() != SubscriptionState.PENDING || subscription.email() == null) {
					yield Optional.empty();
				}
				String token = Tokens.newConfirmationToken();
				subscription.issueConfirmationToken(Tokens.hash(token),
						now.plus(properties.confirmation().tokenTtl()));
				yield Optional.of(mails.confirmation(subscription.email(), subscription.language(), title, token,
						properties.confirmation().tokenTtl()));
			}
			case WELCOME -> {
				if (subscription.state() != SubscriptionState.ACTIVE || subscription.email() == null) {
					yield Optional.empty();
				}
				yield Optional.of(mails.welcome(subscription.email(), subscription.language(), title,
						tokens.unsubscribeCredential(subscription.id())));
			}
		};
	}

	/** A confirmation mail that went out while someone else wrote the subscription: its link must still work. */
	@Override
	public void carryOver(Subscription composed, Subscription fresh, OwedMail mail) {
		if (mail.kind(Subscription.Mail.class) == Subscription.Mail.CONFIRMATION
				&& fresh.state() == SubscriptionState.PENDING
				&& fresh.outbox().mails().stream().anyMatch(owed -> owed.mailId().equals(mail.mailId()))) {
			fresh.keepConfirmationTokenOf(composed);
		}
	}
}
