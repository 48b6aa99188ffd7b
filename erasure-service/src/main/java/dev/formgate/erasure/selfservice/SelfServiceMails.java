package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.selfservice.SelfServiceRequest.Address;
import dev.formgate.mail.LinkTokens;
import dev.formgate.outbox.MailComposer;
import dev.formgate.outbox.OwedMail;
import dev.formgate.service.TextMails;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The verification mails of self-service requests, composed when they go out: a fresh link secret each time, whose
 * hash the request keeps (the relay saves it before the mail leaves). The mail names the request type and the link,
 * nothing anyone typed (docs/architecture.md, rule 7), and is the same whether or not Formgate holds data about the
 * address. A mail that no longer fits the request (confirmed meanwhile) is dropped.
 */
@Component
class SelfServiceMails extends TextMails implements MailComposer<SelfServiceRequest> {

	/** The path of the page a link opens (routed by the gateway to this service). */
	static final String LINK_PATH = "/privacy/request";

	private final SelfServiceProperties properties;
	private final MessageSource messages;

	SelfServiceMails(JavaMailSender sender, SelfServiceProperties properties, MessageSource messages,
			CircuitBreakerRegistry breakers) {
		super(sender, properties.from(), messages, breakers);
		this.properties = properties;
		this.messages = messages;
	}

	@Override
	public Optional<MimeMessage> compose(SelfServiceRequest request, OwedMail mail, Instant now) {
		return switch (mail.kind(SelfServiceRequest.Mail.class)) {
			case VERIFICATION -> request.state() != SelfServiceRequest.State.AWAITING_CONFIRMATION
					|| request.email() == null || request.isExpired(now) ? Optional.empty()
							: Optional.of(verification(request, Address.REQUESTING, request.email()));
			case NEW_ADDRESS_VERIFICATION -> request.state() != SelfServiceRequest.State.AWAITING_NEW_ADDRESS
					|| request.newEmail() == null || request.isExpired(now) ? Optional.empty()
							: Optional.of(verification(request, Address.NEW, request.newEmail()));
		};
	}

	private MimeMessage verification(SelfServiceRequest request, Address to, String address) {
		String secret = LinkTokens.newToken();
		request.linkIssued(to, LinkTokens.hash(secret));
		Locale locale = Locale.forLanguageTag(request.language());
		String link = UriComponentsBuilder.fromUri(properties.publicBaseUrl())
			.path(LINK_PATH)
			.queryParam("token", request.id() + "." + secret)
			.queryParam("lang", request.language())
			.build()
			.toUriString();
		String template = to == Address.NEW ? "new-address" : "verification";
		Map<String, Object> variables = Map.of("request",
				messages.getMessage("selfservice.type." + request.type(), null, locale), "link", link, "validHours",
				properties.linkValidity().toHours());
		return to(address, locale).subject("mail." + template + ".subject")
			.text(template + "-" + locale.getLanguage(), variables);
	}
}
