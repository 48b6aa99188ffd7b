package dev.formgate.newsletter.campaign;

import dev.formgate.newsletter.mail.MailProperties;
import dev.formgate.newsletter.mail.NewsletterMails;
import dev.formgate.newsletter.subscription.Recipients;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.web.util.UriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts a campaign mail together for one recipient: subject and body in their language (German when the campaign has
 * no English), plain text and HTML as {@code multipart/alternative} in the house template, and the headers mailbox
 * providers ask of bulk senders — {@code List-Unsubscribe} with the HTTPS one-click address and a {@code mailto:},
 * {@code List-Unsubscribe-Post}, {@code List-Id}, the per-recipient return path for bounces and a Message-ID that is
 * the same on every attempt ({@link Verp}), signed with the operator's DKIM key when one is configured. No tracking: no pixel, no rewritten link, nothing but the text.
 */
final class CampaignLetters {

	private final NewsletterMails mails;
	private final HouseTemplate template;
	private final Rendering rendering;
	private final Recipients recipients;
	private final Verp verp;
	private final MailProperties mail;

	CampaignLetters(NewsletterMails mails, HouseTemplate template, Rendering rendering, Recipients recipients,
			Verp verp) {
		this.mails = mails;
		this.template = template;
		this.rendering = rendering;
		this.recipients = recipients;
		this.verp = verp;
		this.mail = mails.properties();
	}

	/** The campaign's bodies, rendered once per language for all its mails. */
	Map<String, Rendering.Body> bodies(Campaign campaign) {
		Map<String, Rendering.Body> bodies = new HashMap<>();
		campaign.content().forEach((language, content) -> bodies.put(language, rendering.render(content.body())));
		return bodies;
	}

	/** The mail to one subscriber, as it goes out. */
	MimeMessage compose(Campaign campaign, Map<String, Rendering.Body> bodies, Recipients.Addressee to) {
		String language = campaign.content().containsKey(to.language()) ? to.language() : "de";
		String token = verp.token(to.subscriptionId(), campaign.id());
		String credential = recipients.unsubscribeCredential(to.subscriptionId(), campaign.id());
		String unsubscribe = link("/newsletter/unsubscribe", language).queryParam("token", credential).build()
			.toUriString();
		var letter = template.letter(language, campaign.contentIn(language).subject(), bodies.get(language),
				"„" + recipients.title(to.list(), language) + "“", unsubscribe, archiveUrl(campaign, language));
		MimeMessage message = mails.message(mail.bounceLocalPart() + "+" + token + "@" + mail.bounceDomain());
		try {
			fill(message, to.email(), letter);
			message.setHeader("Message-ID", "<" + token + "@" + mail.bounceDomain() + ">");
			message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">, <mailto:" + mail.bounceAddress()
					+ "?subject=unsubscribe%20" + credential + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			message.setHeader("List-Id", listId(to.list(), language));
			mails.sign(message);
			return message;
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot compose a campaign mail", e);
		}
	}

	/** What a subscriber in this language would get; the unsubscribe link is a placeholder that ends nothing. */
	HouseTemplate.Letter preview(Campaign campaign, String language) {
		String lang = campaign.content().containsKey(language) ? language : "de";
		String lists = String.join(", ", campaign.lists().stream()
			.map(list -> "„" + recipients.title(list, lang) + "“").toList());
		return template.letter(lang, campaign.contentIn(lang).subject(), rendering.render(campaign.contentIn(lang).body()),
				lists, link("/newsletter/unsubscribe", lang).queryParam("token", "preview").build().toUriString(),
				archiveUrl(campaign, lang));
	}

	/** A test mail to a staff address: the preview, its subject marked as a test. */
	MimeMessage test(Campaign campaign, String language, String to) {
		var preview = preview(campaign, language);
		MimeMessage message = mails.message(mail.bounceAddress());
		try {
			fill(message, to, new HouseTemplate.Letter(template.testSubject(language, preview.subject()),
					preview.html(), preview.text()));
			mails.sign(message);
			return message;
		}
		catch (MessagingException e) {
			throw new IllegalStateException("cannot compose a test mail", e);
		}
	}

	/** The campaign's page in the public archive, or null while it is not (or never will be) there. */
	String archiveUrl(Campaign campaign, String language) {
		return campaign.archive() ? link("/newsletter/archive/" + campaign.id(), language).build().toUriString() : null;
	}

	private UriComponentsBuilder link(String path, String language) {
		return UriComponentsBuilder.fromUri(mail.publicBaseUrl()).path(path).queryParam("lang", language);
	}

	/** RFC 2919: the list's title and {@code <list>.<domain>}. */
	private String listId(String list, String language) {
		String title = recipients.title(list, language).replace("\"", "'");
		return "\"" + title + "\" <" + list + "." + mail.bounceDomain() + ">";
	}

	private void fill(MimeMessage message, String to, HouseTemplate.Letter letter) throws MessagingException {
		message.setFrom(InternetAddress.parse(mail.from(), true)[0]);
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
		message.setSubject(letter.subject(), StandardCharsets.UTF_8.name());
		MimeBodyPart text = new MimeBodyPart();
		text.setText(letter.text(), StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(letter.html(), StandardCharsets.UTF_8.name(), "html");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		message.saveChanges();
	}
}
