package dev.formgate.erasure.selfservice;

import dev.formgate.erasure.selfservice.SelfServiceRequest.Address;
import dev.formgate.mail.LinkTokens;
import dev.formgate.outbox.MailBatches;
import dev.formgate.outbox.MailComposer;
import dev.formgate.outbox.MailDelivery;
import dev.formgate.outbox.OwedMail;
import dev.formgate.service.MailTemplates;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.context.Context;
import org.thymeleaf.TemplateEngine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The verification mails of self-service requests, composed when they go out: a fresh link secret each time, whose
 * hash the request keeps (the relay saves it before the mail leaves). The mail names the request type and the link,
 * nothing anyone typed (docs/architecture.md, rule 7), and is the same whether or not Formgate holds data about the
 * address. A mail that no longer fits the request (confirmed meanwhile) is dropped.
 */
@Component
class SelfServiceMails implements MailComposer<SelfServiceRequest>, MailDelivery {

	/** The path of the page a link opens (routed by the gateway to this service). */
	static final String LINK_PATH = "/privacy/request";

	private final JavaMailSender sender;
	private final SelfServiceProperties properties;
	private final MessageSource messages;
	private final TemplateEngine templates;
	private final MailBatches batches;

	SelfServiceMails(JavaMailSender sender, SelfServiceProperties properties, MessageSource messages,
			CircuitBreakerRegistry breakers) {
		this.sender = sender;
		this.properties = properties;
		this.messages = messages;
		this.batches = new MailBatches(sender, breakers.circuitBreaker("smtp"));
		this.templates = MailTemplates.text("mail");
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
		MimeMessage message = sender.createMimeMessage();
		try {
			var helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			helper.setFrom(InternetAddress.parse(properties.from(), true)[0]);
			helper.setTo(new InternetAddress(address, true));
			helper.setSubject(messages.getMessage("mail." + template + ".subject", null, locale));
			helper.setText(templates.process(template + "-" + locale.getLanguage(), new Context(locale, variables)));
			message.setHeader("Auto-Submitted", "auto-generated");
			message.saveChanges();
			return message;
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot compose " + template + " mail", e);
		}
	}

	@Override
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted) {
		return batches.send(batch, accepted);
	}
}
