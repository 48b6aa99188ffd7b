package dev.formgate.newsletter.campaign;

import dev.formgate.service.MailTemplates;
import org.springframework.context.MessageSource;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;

import java.util.Locale;
import java.util.Map;

/**
 * Frames a campaign's body in the operator's house template ({@code templates/campaign/mail.html} and
 * {@code mail.txt}): the organisation at the head, a "view in browser" link to the public archive when the campaign
 * is there, and a footer that says why the person gets it, with their own unsubscribe link and the imprint and
 * privacy-notice links. The footer is the template's, not the editor's: no body can remove or hide it.
 */
final class HouseTemplate {

	/** A mail's subject and both its parts, as they go out. */
	record Letter(String subject, String html, String text) {
	}

	private final TemplateEngine html;
	private final TemplateEngine text;
	private final CampaignProperties.Template template;
	private final MessageSource messages;

	HouseTemplate(CampaignProperties.Template template, MessageSource messages) {
		this.template = template;
		this.messages = messages;
		this.html = MailTemplates.engine("campaign", TemplateMode.HTML, messages);
		this.text = MailTemplates.engine("campaign", TemplateMode.TEXT, messages);
	}

	/**
	 * @param lists the titles of the lists the person subscribed to, in their language
	 * @param archiveUrl the campaign's page in the public archive, or null
	 */
	Letter letter(String language, String subject, Rendering.Body body, String lists, String unsubscribeUrl,
			String archiveUrl) {
		Locale locale = Locale.forLanguageTag(language);
		var variables = Map.<String, Object>of("lang", language, "subject", subject, "organisation",
				template.organisation(), "bodyHtml", body.html(), "bodyText", body.text(), "lists", lists,
				"unsubscribeUrl", unsubscribeUrl, "imprintUrl", template.imprintUrl().toString(), "privacyNoticeUrl",
				template.privacyNoticeUrl().toString());
		Context context = new Context(locale, variables);
		context.setVariable("archiveUrl", archiveUrl);
		return new Letter(subject, html.process("mail", context), text.process("mail", context));
	}

	/** A test mail's subject, marked as a test in the recipient's language. */
	String testSubject(String language, String subject) {
		return messages.getMessage("campaign.test-subject", new Object[] { subject }, Locale.forLanguageTag(language));
	}
}
