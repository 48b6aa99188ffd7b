package dev.formgate.contact.request;

import dev.formgate.contact.mail.ContactMails;
import dev.formgate.contact.mail.StaffNotification;
import dev.formgate.outbox.MailComposer;
import dev.formgate.outbox.OwedMail;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Composes a request's owed mails when they go out: the staff notification to the topic's inbox, the acknowledgement
 * to the sender. A request purged meanwhile has nobody left to tell: its mails are dropped.
 */
@Component
class ContactRequestMails implements MailComposer<ContactRequest> {

	private static final Logger log = LoggerFactory.getLogger(ContactRequestMails.class);

	private final ContactMails mails;
	private final ContactProperties properties;

	ContactRequestMails(ContactMails mails, ContactProperties properties) {
		this.mails = mails;
		this.properties = properties;
	}

	@Override
	public Optional<MimeMessage> compose(ContactRequest request, OwedMail mail, Instant now) {
		if (request.email() == null) {
			return Optional.empty();
		}
		return Optional.of(switch (mail.kind(ContactRequest.Mail.class)) {
			case STAFF_NOTIFICATION -> mails.staffNotification(new StaffNotification(topic(request).inbox(),
					topic(request).de(), request.id(), request.receivedAt(), request.name(), request.email(),
					request.subject(), request.message(), properties.retention().closed().toDays()));
			case ACKNOWLEDGEMENT -> mails.acknowledgement(request.email(), request.language(), request.id());
		});
	}

	/** The request's topic; one removed from the configuration since falls back to the first configured topic. */
	private ContactProperties.Topic topic(ContactRequest request) {
		ContactProperties.Topic topic = properties.topics().get(request.topic());
		if (topic == null) {
			log.warn("Topic of contact request {} is no longer configured; notifying the first topic's inbox",
					request.id());
			return properties.topics().values().iterator().next();
		}
		return topic;
	}
}
